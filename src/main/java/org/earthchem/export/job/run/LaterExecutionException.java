package org.earthchem.export.job.run;

/**
 * An operator asked to restart or abandon an execution of an export that has a later one: only the latest execution
 * of a task may be acted on, since an older one's action would touch the later run's task.
 */
public class LaterExecutionException extends ExecutionConflictException {

	private final long latestExecutionId;

	public LaterExecutionException(long executionId, String taskId, long latestExecutionId, String action) {
		super("Execution " + executionId + " is not the latest of export " + taskId + "; only its latest execution, "
				+ latestExecutionId + ", can be " + action + ".");
		this.latestExecutionId = latestExecutionId;
	}

	/** The task's latest execution, the one an operator may act on. */
	public long latestExecutionId() {
		return this.latestExecutionId;
	}

}
