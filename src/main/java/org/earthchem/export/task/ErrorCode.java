package org.earthchem.export.task;

/** Why a task failed, in terms a client can branch on. */
public enum ErrorCode {

	/** The search cluster could not be reached or kept failing. */
	SOURCE_UNAVAILABLE,
	/** The search cluster refused the query or the index is gone or changed. */
	SOURCE_REJECTED,
	/** The node running the export stopped (a restart or a crash); it resumes on its own. */
	INTERRUPTED,
	/** The file store (S3) could not be reached or kept failing; the export is retried. */
	STORAGE_UNAVAILABLE,
	/** Writing or storing the file failed. */
	STORAGE_FAILED,
	/** An operator abandoned the export (its execution was dead); it does not resume. */
	ABANDONED,
	/**
	 * When the export started, its search matched more rows than one export may hold ({@code export.max-total-rows}):
	 * the index grew after it was accepted. Not retried; a narrower search is needed.
	 */
	TOO_MANY_ROWS,
	/**
	 * An XLSX export met a value longer than a spreadsheet cell holds (32,767 characters): rather than cut it, the
	 * export fails. Not retried; CSV, JSON and JSON Lines hold it whole.
	 */
	CELL_TOO_LONG,
	/** A fault inside the service. */
	INTERNAL_ERROR

}
