package org.earthchem.export.api;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** A request the API answers with a problem: status, code, message and any extra properties. */
class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final ProblemCode code;

	private final Map<String, ?> properties;

	private final String retryAfter;

	ApiException(HttpStatus status, ProblemCode code, String message) {
		this(status, code, message, Map.of(), null);
	}

	ApiException(HttpStatus status, ProblemCode code, String message, Map<String, ?> properties, String retryAfter) {
		super(message);
		this.status = status;
		this.code = code;
		this.properties = properties;
		this.retryAfter = retryAfter;
	}

	HttpStatus status() {
		return this.status;
	}

	ProblemCode code() {
		return this.code;
	}

	Map<String, ?> properties() {
		return this.properties;
	}

	String retryAfter() {
		return this.retryAfter;
	}

}
