package org.earthchem.export.security;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Finds the caller of a request from its {@code X-API-Key}: a known key's owner, else {@code anonymous}.
 * Authentication proper (hashed keys, JWT, 401/403) replaces this with Spring Security.
 */
@Component
public class CallerResolver {

	public static final String API_KEY_HEADER = "X-API-Key";

	private final Map<String, Caller> callers;

	CallerResolver(ApiKeyProperties properties) {
		this.callers = properties.apiKeys()
			.stream()
			.collect(Collectors.toMap(ApiKeyProperties.ApiKey::key,
					(k) -> new Caller(k.owner(), k.email(), k.sources(), k.operator()), (a, b) -> a));
	}

	public Caller resolve(HttpServletRequest request) {
		String key = request.getHeader(API_KEY_HEADER);
		return key == null ? Caller.ANONYMOUS : this.callers.getOrDefault(key, Caller.ANONYMOUS);
	}

}
