package org.earthchem.export.queue;

/** The queue could not be reached; the task stays Pending and its message is sent again later. */
public class QueueUnavailableException extends RuntimeException {

	public QueueUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
