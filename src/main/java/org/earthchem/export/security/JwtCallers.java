package org.earthchem.export.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The caller of a validated JWT: {@code sub} is the owner, {@code email} the address, and the {@code scope} (or
 * {@code scp}) claim's {@code export:<source>} entries the sources, {@code export:operator} the operator role.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

	static final String SCOPE_PREFIX = "export:";

	static final String OPERATOR_SCOPE = "export:operator";

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
			throw new InvalidBearerTokenException("the token names no subject");
		}
		Set<String> scopes = scopes(jwt);
		Set<String> sources = new HashSet<>();
		for (String scope : scopes) {
			if (scope.startsWith(SCOPE_PREFIX) && !scope.equals(OPERATOR_SCOPE)) {
				sources.add(scope.substring(SCOPE_PREFIX.length()));
			}
		}
		return new CallerAuthentication(
				new Caller(jwt.getSubject(), jwt.getClaimAsString("email"), sources, scopes.contains(OPERATOR_SCOPE)));
	}

	private static Set<String> scopes(Jwt jwt) {
		Set<String> scopes = new HashSet<>();
		for (String claim : List.of("scope", "scp")) {
			Object value = jwt.getClaims().get(claim);
			if (value instanceof String text) {
				scopes.addAll(List.of(text.trim().split("\\s+")));
			}
			else if (value instanceof Collection<?> values) {
				values.forEach((v) -> scopes.add(String.valueOf(v)));
			}
		}
		return scopes;
	}

}
