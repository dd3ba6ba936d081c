package org.earthchem.export.security;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * With JWTs accepted, a token must name one of {@code export.security.jwt.audiences} in its {@code aud}: an identity
 * provider issues tokens for many applications, and one meant for another must not open this service. The service
 * refuses to start with JWTs configured and no audience.
 */
final class TokenAudiences implements OAuth2TokenValidator<Jwt> {

	private final Set<String> audiences;

	private TokenAudiences(List<String> audiences) {
		this.audiences = Set.copyOf(audiences);
	}

	/**
	 * The decoder, checking each token's audience after its own checks (signature, time, issuer).
	 * @throws IllegalStateException when no audience is configured
	 */
	static JwtDecoder required(JwtDecoder decoder, List<String> audiences) {
		List<String> named = (audiences == null) ? List.of()
				: audiences.stream().filter((audience) -> audience != null && !audience.isBlank()).map(String::strip).toList();
		if (named.isEmpty()) {
			throw new IllegalStateException("JWTs are accepted (spring.security.oauth2.resourceserver.jwt.issuer-uri or "
					+ "jwk-set-uri is set) but export.security.jwt.audiences (EXPORT_SECURITY_JWT_AUDIENCES) names no "
					+ "audience: set it to the audience the identity provider puts in this service's tokens");
		}
		TokenAudiences validator = new TokenAudiences(named);
		return (token) -> {
			Jwt jwt = decoder.decode(token);
			OAuth2TokenValidatorResult result = validator.validate(jwt);
			if (result.hasErrors()) {
				throw new JwtValidationException("the token is not meant for this service", result.getErrors());
			}
			return jwt;
		};
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		List<String> audience = jwt.getClaimAsStringList(JwtClaimNames.AUD);
		if (audience != null && !Collections.disjoint(audience, this.audiences)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
				"The token's audience is not this service", null));
	}

}
