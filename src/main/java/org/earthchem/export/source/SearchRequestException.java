package org.earthchem.export.source;

/** The search cluster refused a request (missing index, bad query): retrying will not help. */
public class SearchRequestException extends RuntimeException {

	public SearchRequestException(String message) {
		super(message);
	}

}
