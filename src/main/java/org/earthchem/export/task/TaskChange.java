package org.earthchem.export.task;

import java.time.Instant;
import java.util.List;

/**
 * What a status transition writes besides the status itself. Null fields are left as they are.
 *
 * @param startedAt new start time
 * @param finishedAt new finish time
 * @param error failure to record
 * @param files finished files to record
 * @param jobExecutionId latest job execution
 * @param progress progress to record
 * @param attempts attempts to record
 * @param reopen clear the finish time and error (a failed task going back to Pending)
 * @param node the node that starts processing it
 * @param released the run lets go of the task (back to Pending): no node, no heartbeat
 * @param notBefore the task waits in the queue until then (a retry's back-off); null: it may start at once
 * @param interrupted the run's node went silent (died, froze): one more interruption, not a failure of the export
 */
public record TaskChange(Instant startedAt, Instant finishedAt, TaskError error, List<ExportFile> files,
		Long jobExecutionId, Progress progress, Integer attempts, boolean reopen, String node, boolean released,
		Instant notBefore, boolean interrupted) {

	/** The job started (or restarted) processing on {@code node}. */
	public static TaskChange started(Instant at, long jobExecutionId, int attempts, String node) {
		return new TaskChange(at, null, null, null, jobExecutionId, null, attempts, false, node, false, null, false);
	}

	/** Every file is written and stored. */
	public static TaskChange succeeded(Instant at, List<ExportFile> files, Progress progress) {
		return new TaskChange(null, at, null, files, null, progress, null, false, null, false, null, false);
	}

	/** The export failed for good. */
	public static TaskChange failed(Instant at, TaskError error) {
		return new TaskChange(null, at, error, null, null, null, null, false, null, false, null, false);
	}

	/** The export was cancelled. */
	public static TaskChange cancelled(Instant at) {
		return new TaskChange(null, at, null, null, null, null, null, false, null, false, null, false);
	}

	/** A running export goes back to the queue for another attempt at once, {@code error} telling why while it waits. */
	public static TaskChange retrying(TaskError error) {
		return retrying(error, null);
	}

	/**
	 * A running export goes back to the queue for another attempt, not before {@code notBefore} (null: at once),
	 * {@code error} telling why while it waits.
	 */
	public static TaskChange retrying(TaskError error, Instant notBefore) {
		return new TaskChange(null, null, error, null, null, null, null, false, null, true, notBefore, false);
	}

	/**
	 * A silent node's export goes back to the queue for another attempt at once: an interruption, not a failure of the
	 * export.
	 */
	public static TaskChange interrupted(TaskError error) {
		return new TaskChange(null, null, error, null, null, null, null, false, null, true, null, true);
	}

	/** A failed export goes back to the queue (an operator's restart). */
	public static TaskChange requeued() {
		return new TaskChange(null, null, null, null, null, null, null, true, null, false, null, false);
	}

}
