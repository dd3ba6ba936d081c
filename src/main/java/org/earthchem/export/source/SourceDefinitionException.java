package org.earthchem.export.source;

import java.util.List;

/**
 * A source file that cannot be used. Each problem names the file, the key and what is wrong, e.g.
 * {@code batch-config/sources/petdb.yml: parameters.sio2.field: 'chemistry.x' is not a field of index petdb-samples};
 * the message lists every problem found, one a line.
 */
public class SourceDefinitionException extends RuntimeException {

	private final List<String> problems;

	public SourceDefinitionException(String problem) {
		this(List.of(problem), null);
	}

	public SourceDefinitionException(String problem, Throwable cause) {
		this(List.of(problem), cause);
	}

	public SourceDefinitionException(List<String> problems) {
		this(problems, null);
	}

	private SourceDefinitionException(List<String> problems, Throwable cause) {
		super(String.join("\n", problems), cause);
		this.problems = List.copyOf(problems);
	}

	/** Each problem as {@code <file>: <key>: <what is wrong>}. */
	public List<String> problems() {
		return this.problems;
	}

}
