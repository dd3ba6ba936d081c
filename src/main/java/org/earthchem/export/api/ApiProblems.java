package org.earthchem.export.api;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.source.InvalidParametersException;
import org.earthchem.export.source.SearchUnavailableException;
import org.earthchem.export.source.UnknownSourceException;
import org.earthchem.export.text.UserText;
import org.earthchem.export.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as an RFC 9457 problem, with a code and a message that says what to do. */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknownSource(UnknownSourceException ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemCode.UNKNOWN_SOURCE, ex.getMessage(), Map.of(), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidParameters(InvalidParametersException ex) {
		List<Map<String, String>> errors = ex.errors()
			.stream()
			.map((e) -> Map.of("parameter", e.parameter(), "message", e.message()))
			.toList();
		// parameter names and values are the caller's text: one log line whatever they hold
		log.info("Request refused, bad parameters: {}", UserText.escapeControls(String.valueOf(ex.errors())));
		String detail = ex.errors().size() == 1 ? "Parameter '" + ex.errors().get(0).parameter() + "' " + ex.errors().get(0).message() + "."
				: ex.errors().size() + " search parameters are not valid; see errors.";
		return problem(HttpStatus.BAD_REQUEST, ProblemCode.INVALID_PARAMETERS, detail, Map.of("errors", errors), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> searchUnavailable(SearchUnavailableException ex) {
		log.warn("Search cluster unavailable: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.SOURCE_UNAVAILABLE,
				"The search cluster cannot be reached right now. Please try again in a minute.", Map.of(), "30");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> apiProblem(ApiException ex) {
		return problem(ex.status(), ex.code(), ex.getMessage(), ex.properties(), ex.retryAfter());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unexpected error handling a request", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCode.INTERNAL_ERROR,
				"Something went wrong in the export service. Please try again; if it keeps failing, contact the operators.",
				Map.of(), null);
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, ProblemCode code, String detail,
			Map<String, ?> properties, String retryAfter) {
		ProblemDetail problem = Problems.of(status, code.name(), code.title(), detail);
		properties.forEach(problem::setProperty);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.body(problem);
	}

}
