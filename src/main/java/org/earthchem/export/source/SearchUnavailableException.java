package org.earthchem.export.source;

/** The search cluster could not be reached or is overloaded (connection refused, timeout, 429, 5xx): worth retrying. */
public class SearchUnavailableException extends RuntimeException {

	public SearchUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
