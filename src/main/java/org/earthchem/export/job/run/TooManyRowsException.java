package org.earthchem.export.job.run;

/** The search matches more rows at the start of the export than one export may hold; a retry would not help. */
public class TooManyRowsException extends RuntimeException {

	private final long matchedRows;

	private final long limit;

	public TooManyRowsException(long matchedRows, long limit) {
		super("the search matches " + matchedRows + " rows, more than the limit of " + limit);
		this.matchedRows = matchedRows;
		this.limit = limit;
	}

	long matchedRows() {
		return this.matchedRows;
	}

	long limit() {
		return this.limit;
	}

}
