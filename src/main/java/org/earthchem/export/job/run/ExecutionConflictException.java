package org.earthchem.export.job.run;

/** An operator action that does not fit the execution's or the task's state; the message says why. */
public class ExecutionConflictException extends RuntimeException {

	public ExecutionConflictException(String message) {
		super(message);
	}

}
