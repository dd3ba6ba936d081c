package org.earthchem.export.support;

import java.util.List;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of the problem answers (application/problem+json) the service gives. */
public final class Problems {

	private Problems() {
	}

	/** The answer has the status, is a problem and its body has the code and a detail. */
	public static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(response.getBody().path("code").asString()).isEqualTo(code);
		assertThat(response.getBody().path("detail").asString()).isNotBlank();
	}

	/** The parameters an INVALID_PARAMETERS problem names ({@code errors[].parameter}), in its order. */
	public static List<String> offendingParameters(ResponseEntity<JsonNode> response) {
		return StreamSupport.stream(response.getBody().path("errors").spliterator(), false)
			.map((error) -> error.path("parameter").asString())
			.toList();
	}

	/** The answer while the search cluster is out of reach: a 503 SOURCE_UNAVAILABLE problem with a Retry-After. */
	public static void assertSourceUnavailable(ResponseEntity<JsonNode> response) {
		assertProblem(response, HttpStatus.SERVICE_UNAVAILABLE, "SOURCE_UNAVAILABLE");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull().matches("[1-9][0-9]*");
	}

}
