package org.earthchem.export.source;

import java.util.ArrayList;
import java.util.List;

/** The problems of one file, each as {@code <file>: <key>: <problem>}. */
final class SourceProblems {

	private final String file;

	private final String prefix;

	private final List<String> list;

	SourceProblems(String file) {
		this(file, "", new ArrayList<>());
	}

	private SourceProblems(String file, String prefix, List<String> list) {
		this.file = file;
		this.prefix = prefix;
		this.list = list;
	}

	/** The same list, with keys relative to a nested key. */
	SourceProblems under(String key) {
		return new SourceProblems(this.file, this.prefix + key + ".", this.list);
	}

	void add(String key, String problem) {
		this.list.add(this.file + ": " + ((key != null) ? this.prefix + key + ": " : "") + problem);
	}

	boolean any() {
		return !this.list.isEmpty();
	}

	SourceDefinitionException exception() {
		return new SourceDefinitionException(this.list);
	}

}
