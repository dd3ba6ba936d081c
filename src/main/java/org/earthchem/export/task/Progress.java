package org.earthchem.export.task;

/** How far an export is. */
public record Progress(long rowsWritten, Long totalRows) {

	public static final Progress NONE = new Progress(0, null);

	/** Percentage done, one decimal; null while the total is unknown. */
	public Double percent() {
		if (this.totalRows == null) {
			return null;
		}
		if (this.totalRows == 0) {
			return 100.0;
		}
		return Math.round(1000.0 * Math.min(this.rowsWritten, this.totalRows) / this.totalRows) / 10.0;
	}

}
