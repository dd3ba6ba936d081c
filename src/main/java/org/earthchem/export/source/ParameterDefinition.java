package org.earthchem.export.source;

import java.util.Objects;

/** One search parameter of a source: the index field it filters and how. */
public record ParameterDefinition(String field, ParameterKind kind) {

	public ParameterDefinition {
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(kind, "kind");
	}

}
