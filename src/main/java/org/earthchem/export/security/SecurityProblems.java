package org.earthchem.export.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.earthchem.export.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem details, like every other error of the API. A 401 names both ways in
 * {@code WWW-Authenticate}; neither ever repeats the key or token that was sent.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final ObjectMapper json;

	private final FailedAuthentications failures;

	SecurityProblems(ObjectMapper json, FailedAuthentications failures) {
		this.bearer.setRealmName("export-service");
		this.json = json;
		this.failures = failures;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (FailedAuthenticationLimit.carriesCredential(request)) {
			// a refused key or token; a request without any is not counted (the console before sign-in)
			this.failures.failed(request.getRemoteAddr());
		}
		// sets 401 and the Bearer challenge, with error="invalid_token" when a token was refused
		this.bearer.commence(request, response, failure);
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"export-service\", header=\"X-API-Key\"");
		write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated",
				"Send a valid API key in X-API-Key, or an OAuth2 access token as 'Authorization: Bearer <token>'. "
						+ "The credential sent, if any, is unknown, revoked, expired or not meant for this service.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		write(response, HttpStatus.FORBIDDEN, "NOT_ALLOWED", "Not allowed",
				"Your credential does not allow this route: the operator routes need the operator role, and a "
						+ "metrics key reads /actuator/prometheus and nothing else.");
	}

	private void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
			throws IOException {
		Problems.write(response, this.json, Problems.of(status, code, title, detail));
	}

}
