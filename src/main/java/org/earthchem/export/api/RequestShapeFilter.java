package org.earthchem.export.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.earthchem.export.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized requests before any work is done: a query string, a parameter count or a parameter value beyond
 * {@link RequestLimits} is a 400 naming the parameter, and nothing is queued.
 */
@Component
class RequestShapeFilter extends OncePerRequestFilter {

	private final RequestLimits limits;

	private final ObjectMapper json;

	RequestShapeFilter(RequestLimits limits, ObjectMapper json) {
		this.limits = limits;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && query.length() > this.limits.maxQueryLength()) {
			refuse(response, "query", "is " + query.length() + " characters long; at most "
					+ this.limits.maxQueryLength() + " are accepted");
			return;
		}
		Map<String, String[]> parameters = request.getParameterMap();
		if (parameters.size() > this.limits.maxParameters()) {
			refuse(response, "query", "has " + parameters.size() + " parameters; at most " + this.limits.maxParameters()
					+ " are accepted");
			return;
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			// a form body's names are not within the query's length: a name is checked on its own
			if (parameter.getKey().length() > this.limits.maxParameterNameLength()) {
				refuse(response, shortened(parameter.getKey()), "is a name " + parameter.getKey().length()
						+ " characters long; at most " + this.limits.maxParameterNameLength() + " are accepted");
				return;
			}
			for (String value : parameter.getValue()) {
				if (value.length() > this.limits.maxValueLength()) {
					refuse(response, shortened(parameter.getKey()), "is " + value.length()
							+ " characters long; at most " + this.limits.maxValueLength() + " are accepted");
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, String parameter, String message) throws IOException {
		ResponseEntity<ProblemDetail> problem = ApiProblems.problem(HttpStatus.BAD_REQUEST,
				ProblemCode.INVALID_PARAMETERS, "Parameter '" + parameter + "' " + message + ".",
				Map.of("errors", List.of(Map.of("parameter", parameter, "message", message))), null);
		Problems.write(response, this.json, problem.getBody());
	}

	private static String shortened(String name) {
		return name.length() <= 64 ? name : name.substring(0, 64) + "…";
	}

}
