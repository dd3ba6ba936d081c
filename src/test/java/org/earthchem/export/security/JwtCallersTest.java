package org.earthchem.export.security;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How a validated token becomes a caller: its owner in its realm, and its email only when verified. */
class JwtCallersTest {

	private static Jwt token(Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-42")
			.issuedAt(Instant.parse("2026-11-30T10:00:00Z"))
			.expiresAt(Instant.parse("2026-11-30T11:00:00Z"))
			.claim("scope", "export:petdb");
		claims.forEach(builder::claim);
		return builder.build();
	}

	private static Caller caller(String realm, Map<String, Object> claims) {
		return (Caller) new JwtCallers(realm).convert(token(claims)).getPrincipal();
	}

	@Test
	void theOwnerIsTheIssuersHostAndPathAndTheSubject() {
		assertThat(caller(null, Map.of("iss", "https://login.example.org/realms/earthchem/")).owner())
			.isEqualTo("login.example.org/realms/earthchem:user-42");
	}

	@Test
	void twoIssuersOfOneHostAreTwoRealms() {
		assertThat(caller(null, Map.of("iss", "https://login.example.org/realms/other")).owner())
			.isNotEqualTo(caller(null, Map.of("iss", "https://login.example.org/realms/earthchem")).owner());
	}

	@Test
	void aConfiguredRealmNamesTheOwnerWhateverTheIssuer() {
		assertThat(caller("earthchem", Map.of("iss", "https://login.example.org/realms/earthchem")).owner())
			.isEqualTo("earthchem:user-42");
	}

	@Test
	void anIpv6IssuerHostBringsNoSeparatorIntoTheRealm() {
		assertThat(caller(null, Map.of("iss", "http://[::1]:8443/issuer")).owner()).isEqualTo("--1/issuer:user-42");
	}

	@Test
	void aTokenWithoutIssuerIsRefusedWhenNoRealmIsConfigured() {
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> caller(null, Map.of()))
			.withMessage("the token names no issuer");
	}

	@Test
	void theEmailIsKeptWhenEmailVerifiedIsTrueAsABooleanOrAsText() {
		String iss = "https://login.example.org";

		assertThat(caller(null, Map.of("iss", iss, "email", "u@example.org", "email_verified", true)).email())
			.isEqualTo("u@example.org");
		assertThat(caller(null, Map.of("iss", iss, "email", "u@example.org", "email_verified", "true")).email())
			.isEqualTo("u@example.org");
	}

	@Test
	void theEmailIsDroppedWhenEmailVerifiedIsFalseOrMissing() {
		String iss = "https://login.example.org";

		assertThat(caller(null, Map.of("iss", iss, "email", "u@example.org", "email_verified", false)).email()).isNull();
		assertThat(caller(null, Map.of("iss", iss, "email", "u@example.org")).email()).isNull();
	}

}
