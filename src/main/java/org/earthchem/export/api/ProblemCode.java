package org.earthchem.export.api;

/** What went wrong with a request, for clients to branch on. */
enum ProblemCode {

	UNKNOWN_SOURCE("Unknown source"), INVALID_PARAMETERS("Invalid search parameters"),
	SOURCE_UNAVAILABLE("Search cluster unavailable"), QUEUE_UNAVAILABLE("Export queue unavailable"),
	QUEUE_FULL("Export queue full"), TASK_NOT_FOUND("Export not found"),
	TASK_NOT_FINISHED("Export not finished"), TASK_FINISHED("Export already finished"), TOO_MANY_ROWS("Too many rows"),
	TOO_MANY_ACTIVE_EXPORTS("Too many active exports"),
	TOO_MANY_REQUESTS("Too many requests"), FILE_NOT_FOUND("No such file"), FILE_EXPIRED("File removed"), NOT_ALLOWED("Not allowed"),
	INTERNAL_ERROR("Internal error");

	private final String title;

	ProblemCode(String title) {
		this.title = title;
	}

	String title() {
		return this.title;
	}

}
