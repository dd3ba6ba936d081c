package org.earthchem.export.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** The one shape of every error the service answers: an RFC 9457 problem with a type, a title and a code. */
public final class Problems {

	private Problems() {
	}

	/** A problem whose type is derived from its code ({@code TASK_NOT_FOUND} → {@code …/problems/task-not-found}). */
	public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://export.earthchem.org/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setTitle(title);
		problem.setProperty("code", code);
		// the trace of the request, as every log line written for it carries it: an error report leads to the logs
		String traceId = MDC.get("traceId");
		if (traceId != null) {
			problem.setProperty("traceId", traceId);
		}
		return problem;
	}

	/** Writes a problem as the response, for the filters and handlers that answer before any controller. */
	public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
