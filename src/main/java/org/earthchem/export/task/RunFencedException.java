package org.earthchem.export.task;

/**
 * A run of an export wrote to its task after another run took the task over: the task's fencing token (the job
 * execution that holds it) is no longer the run's. The run has lost the export and must write nothing more.
 */
public class RunFencedException extends RuntimeException {

	private final String taskId;

	private final long token;

	private final Long current;

	public RunFencedException(String taskId, long token, Long current) {
		super("export " + taskId + ": run " + token + " was fenced; the task is now held by "
				+ (current == null ? "no run" : "run " + current));
		this.taskId = taskId;
		this.token = token;
		this.current = current;
	}

	public String taskId() {
		return this.taskId;
	}

	/** The run's own token (its job execution id). */
	public long token() {
		return this.token;
	}

	/** The token the task holds now (null when the task is gone or holds none). */
	public Long current() {
		return this.current;
	}

	/** The fence in {@code failure} or its causes, if any. */
	public static java.util.Optional<RunFencedException> in(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RunFencedException fenced) {
				return java.util.Optional.of(fenced);
			}
		}
		return java.util.Optional.empty();
	}

}
