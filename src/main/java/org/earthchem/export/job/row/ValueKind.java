package org.earthchem.export.job.row;

/** How a cell value is written: numbers and booleans verbatim, text quoted (JSON) and guarded (CSV). */
public enum ValueKind {

	NUMBER, BOOLEAN, TEXT,
	/**
	 * A geo point as {@code lat,lon}: a string in JSON, and in CSV text like any other (guarded when it starts with
	 * {@code -}: a spreadsheet would read {@code -50.4,-2.3} as a formula).
	 */
	POINT

}
