package org.earthchem.export.job.format;

import java.io.OutputStream;

import org.earthchem.export.job.row.Row;

/** An output format writing rows of one export part to a stream. */
public interface RowFormat {

	/** Begins a new part: header, opening bracket. */
	void begin(OutputStream out);

	/** Continues a part that already holds {@code rows} rows (after a restart). */
	void resume(OutputStream out, long rows);

	void write(Row row);

	/** Pushes everything written so far to the stream (the chunk is about to be committed). */
	void flush();

	/** Ends the part: closing bracket; flushes. Does not close the stream. */
	void end();

	/**
	 * Whether a restart may continue a file after its last uploaded part (CSV, JSON, JSON Lines); when not (XLSX, a zip
	 * whose end depends on all that came before), a restart writes the file again from its first row.
	 */
	default boolean continuesMidFile() {
		return true;
	}

	/** File name extension without the dot. */
	String extension();

}
