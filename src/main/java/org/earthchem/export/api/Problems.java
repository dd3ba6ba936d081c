package org.earthchem.export.api;

import java.net.URI;
import java.util.Locale;

import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
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

}
