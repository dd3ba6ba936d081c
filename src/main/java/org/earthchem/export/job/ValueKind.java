package org.earthchem.export.job;

/** How a cell value is written: numbers and booleans verbatim, text quoted (JSON) and guarded (CSV). */
enum ValueKind {

	NUMBER, BOOLEAN, TEXT,
	/** A geo point as {@code lat,lon}: a string in JSON, never formula-guarded in CSV (a latitude may be negative). */
	POINT

}
