package org.earthchem.export.source;

/**
 * The sources have not been checked against the search cluster yet: it could not be reached when this node started,
 * and the node checks again with back-off ({@link SourceCheck}). Worth retrying, as any unreachable cluster is.
 */
public class SourcesNotCheckedException extends SearchUnavailableException {

	SourcesNotCheckedException() {
		super("the sources are not checked yet: the search cluster could not be reached since this node started", null);
	}

}
