package org.earthchem.export.job.format;

/** A value longer than a spreadsheet cell holds: the XLSX export fails rather than cut it. */
public final class CellTooLongException extends RuntimeException {

	private final String column;

	private final int length;

	private final String row;

	CellTooLongException(String column, int length, String row) {
		super("column " + column + " holds " + length + " characters in the row after sort values " + row
				+ ", more than the " + SpreadsheetText.MAX_CELL_LENGTH + " of a spreadsheet cell");
		this.column = column;
		this.length = length;
		this.row = row;
	}

	public String column() {
		return this.column;
	}

	public int length() {
		return this.length;
	}

	/** The row's sort values. */
	String row() {
		return this.row;
	}

}
