package org.earthchem.export.source;

import java.util.List;
import java.util.stream.Collectors;

/** A request whose search parameters cannot be used; lists every offending parameter (a {@code 400}). */
public class InvalidParametersException extends RuntimeException {

	private final List<ParameterError> errors;

	public InvalidParametersException(List<ParameterError> errors) {
		super(describe(errors));
		this.errors = List.copyOf(errors);
	}

	public List<ParameterError> errors() {
		return this.errors;
	}

	private static String describe(List<ParameterError> errors) {
		return errors.stream()
			.map((error) -> error.parameter() + ": " + error.message())
			.collect(Collectors.joining("; ", "Invalid search parameters: ", ""));
	}

}
