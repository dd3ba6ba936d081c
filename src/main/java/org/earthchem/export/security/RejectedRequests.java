package org.earthchem.export.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.earthchem.export.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (a {@code ;}, {@code //} or {@code ..} in the path, or a parameter with a
 * control character where the firewall checks one) answered like every other bad request: {@code 400}, a problem
 * detail naming the parameter or {@code path}, and a log line that shows the offending text escaped.
 */
final class RejectedRequests implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

	private final ObjectMapper json;

	RejectedRequests(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		String parameter = controlledParameter(request).orElse("path");
		String message = parameter.equals("path")
				? "the URL's path holds characters or sequences the service does not accept (an encoded slash, "
						+ "'..', a semicolon or a control character)"
				: "must not hold control characters (line breaks, tabs and the like)";
		log.info("Request refused by the firewall, parameter {}: {}", UserText.escapeControls(parameter),
				UserText.escapeControls(rejected.getMessage()));
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS", "Invalid search parameters",
				"The request was refused: " + message + ".");
		problem.setProperty("errors", List.of(Map.of("parameter", UserText.escapeControls(parameter), "message", message)));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** The first parameter whose name or a value holds an ISO control character, as the firewall checks them. */
	private static Optional<String> controlledParameter(HttpServletRequest request) {
		return request.getParameterMap()
			.entrySet()
			.stream()
			.filter((entry) -> hasControl(entry.getKey()) || List.of(entry.getValue()).stream().anyMatch(RejectedRequests::hasControl))
			.map(Map.Entry::getKey)
			.findFirst();
	}

	private static boolean hasControl(String text) {
		return text.chars().anyMatch(Character::isISOControl);
	}

}
