package org.earthchem.export.admin;

/** An operator's restart made the task Pending, but its message could not be sent: the reconciler sends it later. */
class RestartNotQueuedException extends RuntimeException {

	private final String taskId;

	RestartNotQueuedException(String taskId, Throwable cause) {
		super("export " + taskId + " restarted, its message not sent", cause);
		this.taskId = taskId;
	}

	String taskId() {
		return this.taskId;
	}

}
