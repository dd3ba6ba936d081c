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
 * The caller of a validated JWT: the owner is {@code <realm>:<sub>} (the configured realm, else the host of the
 * token's issuer), {@code email} the address when {@code email_verified} is true, and the {@code scope} (or
 * {@code scp}) claim's {@code export:<source>} entries the sources, {@code export:operator} the operator role.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

	static final String SCOPE_PREFIX = "export:";

	static final String OPERATOR_SCOPE = "export:operator";

	private final String realm;

	/** @param realm the realm of every token's owner; null: the host of each token's issuer */
	JwtCallers(String realm) {
		this.realm = (realm == null || realm.isBlank()) ? null : realm.strip();
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
			throw new InvalidBearerTokenException("the token names no subject");
		}
		String issuer = jwt.getClaimAsString("iss");
		if (this.realm == null && (issuer == null || issuer.isBlank())) {
			throw new InvalidBearerTokenException("the token names no issuer");
		}
		String owner = OwnerIds.ofToken((this.realm != null) ? this.realm : OwnerIds.realmOf(issuer), jwt.getSubject());
		Set<String> scopes = scopes(jwt);
		Set<String> sources = new HashSet<>();
		for (String scope : scopes) {
			if (scope.startsWith(SCOPE_PREFIX) && !scope.equals(OPERATOR_SCOPE)) {
				sources.add(scope.substring(SCOPE_PREFIX.length()));
			}
		}
		return new CallerAuthentication(new Caller(owner, verifiedEmail(jwt), sources, scopes.contains(OPERATOR_SCOPE)));
	}

	/** The {@code email} claim when the identity provider says it verified it; else null, and no mail goes to it. */
	private static String verifiedEmail(Jwt jwt) {
		Object verified = jwt.getClaims().get("email_verified");
		// some providers send the flag as text
		boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
		return isVerified ? jwt.getClaimAsString("email") : null;
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
