package org.earthchem.export.source;

import java.util.Collection;

/** No source of that name is defined. */
public class UnknownSourceException extends RuntimeException {

	private final String source;

	public UnknownSourceException(String source, Collection<String> known) {
		super("There is no source named '" + source + "'. Known sources: " + String.join(", ", known) + ".");
		this.source = source;
	}

	public String source() {
		return this.source;
	}

}
