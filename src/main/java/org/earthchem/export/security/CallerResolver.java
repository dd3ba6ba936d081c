package org.earthchem.export.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The authenticated caller of the current request (by API key or JWT). */
@Component
public class CallerResolver {

	public static final String API_KEY_HEADER = "X-API-Key";

	/** The caller; every {@code /api/v1} route is authenticated before it runs. */
	public Caller resolve(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof CallerAuthentication caller) {
			return caller.getPrincipal();
		}
		throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
	}

}
