package org.earthchem.export.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.earthchem.export.job.format.CellTooLongException;
import org.earthchem.export.job.format.SpreadsheetText;
import org.earthchem.export.source.SearchOutageException;
import org.earthchem.export.source.SearchRequestException;
import org.earthchem.export.source.SearchUnavailableException;
import org.earthchem.export.storage.StorageUnavailableException;
import org.earthchem.export.storage.UploadConflictException;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.TaskError;

/** Turns what stopped a job into a code and a sentence the user can act on; the details stay in the log. */
public final class ExportFailures {

	private ExportFailures() {
	}

	/** Whether another attempt may succeed: the search cluster was unreachable or overloaded. */
	public static boolean isTransient(TaskError error) {
		return error.code() == ErrorCode.SOURCE_UNAVAILABLE || error.code() == ErrorCode.STORAGE_UNAVAILABLE
				|| error.code() == ErrorCode.INTERRUPTED;
	}

	static TaskError interrupted() {
		return new TaskError(ErrorCode.INTERRUPTED,
				"The export was interrupted when the export service stopped; it carries on by itself.");
	}

	/**
	 * Whether a failure may be retried by another attempt: a passing one ({@link #isTransient}), but not an outage of
	 * the search cluster that outlasted the wait of {@code export.outage-limit} — another attempt would wait as long.
	 */
	public static boolean mayRetry(TaskError error, List<Throwable> failures) {
		return isTransient(error) && failures.stream().noneMatch(ExportFailures::isOutageOverLimit);
	}

	/**
	 * The error a task keeps once it has failed for good: a passing failure's words said that it carries on, which a
	 * final status must not.
	 */
	public static TaskError forGood(TaskError error, String taskId) {
		if (error.code() != ErrorCode.INTERRUPTED) {
			return error;
		}
		return new TaskError(ErrorCode.INTERRUPTED, "The export was interrupted too many times (the export service "
				+ "stopped while running it, or its stored parts changed) and has stopped. Please request it again; if it "
				+ "stops again, contact the operators and quote task " + taskId + ".");
	}

	private static boolean isOutageOverLimit(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SearchOutageException) {
				return true;
			}
		}
		return false;
	}

	public static TaskError classify(List<Throwable> failures, String taskId) {
		for (Throwable failure : failures) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				if (t instanceof TooManyRowsException tooMany) {
					return new TaskError(ErrorCode.TOO_MANY_ROWS, String.format(Locale.ROOT,
							"This search now matches %,d rows, more than the %,d one export may hold (the data grew "
									+ "after you asked). Please narrow the search and request the export again.",
							tooMany.matchedRows(), tooMany.limit()));
				}
				if (t instanceof CellTooLongException tooLong) {
					return new TaskError(ErrorCode.CELL_TOO_LONG, String.format(Locale.ROOT,
							"A value in column %s has %,d characters, more than the %,d a spreadsheet cell holds, so "
									+ "the XLSX file could not hold it whole. Please request this export as CSV, JSON or "
									+ "JSON Lines, or leave that column out with columns=.",
							tooLong.column(), tooLong.length(), SpreadsheetText.MAX_CELL_LENGTH));
				}
				if (t instanceof SearchOutageException outage) {
					return new TaskError(ErrorCode.SOURCE_UNAVAILABLE, String.format(Locale.ROOT,
							"The search cluster could not be reached for %s while your export was running, so the "
									+ "export has stopped. Please request it again once the portal's search answers; "
									+ "if it fails again, contact the operators and quote task %s.",
							spoken(outage.waited()), taskId));
				}
				if (t instanceof SearchUnavailableException) {
					return new TaskError(ErrorCode.SOURCE_UNAVAILABLE,
							"The search cluster stopped answering while your export was running. "
									+ "Please request the export again in a few minutes.");
				}
				if (t instanceof UploadConflictException) {
					return new TaskError(ErrorCode.INTERRUPTED,
							"The export's file was changed by an interrupted earlier run while it was being stored; "
									+ "it carries on by itself from its last saved part.");
				}
				if (t instanceof StorageUnavailableException) {
					return new TaskError(ErrorCode.STORAGE_UNAVAILABLE,
							"The file store could not be reached while your export was being saved. "
									+ "Please request the export again in a few minutes; if it fails again, contact the "
									+ "operators and quote task " + taskId + ".");
				}
				if (t instanceof SearchRequestException) {
					return new TaskError(ErrorCode.SOURCE_REJECTED,
							"The search cluster refused this export's query; the index may have changed or been removed. "
									+ "Please contact the operators and quote task " + taskId + ".");
				}
				if (t instanceof IOException || t instanceof UncheckedIOException) {
					return new TaskError(ErrorCode.STORAGE_FAILED,
							"The export file could not be written or stored. "
									+ "Please request the export again; if it fails again, contact the operators and quote task "
									+ taskId + ".");
				}
			}
		}
		return new TaskError(ErrorCode.INTERNAL_ERROR, "The export stopped because of an error in the export service. "
				+ "Please contact the operators and quote task " + taskId + ".");
	}

	/** A wait in words: "30 minutes", "1 minute", "15 seconds". */
	static String spoken(java.time.Duration wait) {
		long minutes = wait.toMinutes();
		if (minutes >= 1) {
			return minutes + (minutes == 1 ? " minute" : " minutes");
		}
		long seconds = Math.max(1, wait.toSeconds());
		return seconds + (seconds == 1 ? " second" : " seconds");
	}

}
