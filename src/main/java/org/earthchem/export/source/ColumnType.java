package org.earthchem.export.source;

/** What an index field holds, as far as filtering and writing it matter. */
public enum ColumnType {

	KEYWORD, TEXT, NUMBER, DATE, BOOLEAN, GEO_POINT, OTHER

}
