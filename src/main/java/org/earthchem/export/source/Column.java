package org.earthchem.export.source;

import java.util.Objects;

/** One leaf field of an index mapping: its dotted path (the column name) and its type. */
public record Column(String name, ColumnType type) {

	public Column {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
	}

}
