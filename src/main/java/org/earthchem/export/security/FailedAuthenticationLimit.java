package org.earthchem.export.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.earthchem.export.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After}, before any credential is looked up or verified, a request that carries one
 * from a client address that sent too many refused credentials (see {@link FailedAuthentications}). An API key this
 * node already knows as valid still passes: it costs nothing.
 */
final class FailedAuthenticationLimit extends OncePerRequestFilter {

	private final FailedAuthentications failures;

	private final ApiKeys keys;

	private final ObjectMapper json;

	FailedAuthenticationLimit(FailedAuthentications failures, ApiKeys keys, ObjectMapper json) {
		this.failures = failures;
		this.keys = keys;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!carriesCredential(request)) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = this.failures.secondsBlocked(request.getRemoteAddr());
		if (seconds == 0 || this.keys.isKnownValid(request.getHeader(CallerResolver.API_KEY_HEADER))) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", "Too many requests",
				"Too many refused credentials came from your address (at most "
						+ this.failures.limits().perMinute() + " a minute). Please wait " + seconds
						+ " seconds, and check the API key or token you send.");
		problem.setProperty("limit", this.failures.limits().perMinute());
		problem.setProperty("burst", this.failures.limits().burst());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		Problems.write(response, this.json, problem);
	}

	static boolean carriesCredential(HttpServletRequest request) {
		return request.getHeader(CallerResolver.API_KEY_HEADER) != null
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null;
	}

}
