package org.earthchem.export.task;

/**
 * How far an export is.
 *
 * @param rowsWritten rows in stored files and in parts uploaded or being uploaded
 * @param totalRows rows the export holds in all (null until known)
 * @param rowsPerSecond recent speed of the running export (null until known)
 */
public record Progress(long rowsWritten, Long totalRows, Double rowsPerSecond) {

	public static final Progress NONE = new Progress(0, null);

	public Progress(long rowsWritten, Long totalRows) {
		this(rowsWritten, totalRows, null);
	}

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

	/** Seconds left at the recent speed, one decimal; null while the total or the speed is unknown. */
	public Double etaSeconds() {
		if (this.totalRows == null || this.rowsPerSecond == null || this.rowsPerSecond <= 0) {
			return null;
		}
		long left = Math.max(0, this.totalRows - this.rowsWritten);
		return Math.round(10.0 * left / this.rowsPerSecond) / 10.0;
	}

}
