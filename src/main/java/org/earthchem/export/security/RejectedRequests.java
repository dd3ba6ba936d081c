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

import org.earthchem.export.text.UserText;
import org.earthchem.export.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (a {@code ;}, {@code //} or {@code ..} in the path, a control character
 * in a header or a parameter's name) answered like every other bad request: {@code 400}, a problem detail naming the
 * parameter, else {@code request}, and a log line that shows the offending text escaped.
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
		Optional<String> badName = controlledParameterName(request);
		// the firewall looked at a parameter's name, or else at the path and the headers: the request as a whole
		String parameter = badName.map(UserText::escapeControls).orElse("request");
		String message = badName.isPresent()
				? "a parameter name must not hold control characters (line breaks, tabs and the like)"
				: "the URL's path or a header holds characters or sequences the service does not accept (a "
						+ "semicolon, '//', '..', an encoded slash or a control character)";
		log.info("Request refused by the firewall, parameter {}: {}", parameter,
				UserText.escapeControls(rejected.getMessage()));
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS", "Invalid search parameters",
				"The request was refused: " + message + ".");
		problem.setProperty("errors", List.of(Map.of("parameter", parameter, "message", message)));
		Problems.write(response, this.json, problem);
	}

	/**
	 * The first parameter whose name holds an ISO control character: the firewall checks names (its check of values
	 * lets every value through), the path and the headers.
	 */
	private static Optional<String> controlledParameterName(HttpServletRequest request) {
		return request.getParameterMap().keySet().stream().filter(RejectedRequests::hasControl).findFirst();
	}

	private static boolean hasControl(String text) {
		return text.chars().anyMatch(Character::isISOControl);
	}

}
