package org.earthchem.export.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the service. JWT settings are Spring Boot's own ({@code spring.security.oauth2.resourceserver.jwt.*}).
 *
 * @param apiKeyTable the DynamoDB table of API keys (hashes only)
 * @param allowedOrigins browser origins (the portals) allowed to call the API across origins; none by default
 * @param apiKeys keys the service makes sure exist at start: only the local and test profiles set any (the demo keys)
 * @param apiKeyCacheTtl how long a node remembers what a key stands for (or that it is unknown); a key revoked on
 * another node is refused there after at most this long
 * @param jwt how the owners of JWT callers are named
 * @param failedAuthentications how many refused credentials one client address may send
 */
@Validated
@ConfigurationProperties("export.security")
public record SecurityProperties(@NotBlank @DefaultValue("export-api-keys") String apiKeyTable,
		@DefaultValue List<String> allowedOrigins, @DefaultValue List<DemoKey> apiKeys,
		@NotNull @DefaultValue("10s") Duration apiKeyCacheTtl, @Valid @DefaultValue Jwt jwt,
		@Valid @DefaultValue FailedAuthentications failedAuthentications) {

	/**
	 * Refused credentials (unknown, revoked or expired keys and tokens) one client address may send: a token bucket
	 * per address, on each node. Beyond it, requests with a credential from that address are answered 429 before the
	 * credential is looked up (an API key the node knows as valid still passes). The address is the connection's,
	 * or the client's as a trusted proxy gives it with {@code server.forward-headers-strategy=native}.
	 *
	 * @param perMinute refused credentials an address may send a minute, sustained
	 * @param burst refused credentials an address may send at once (the bucket's size)
	 */
	public record FailedAuthentications(@Min(1) @DefaultValue("10") int perMinute,
			@Min(1) @DefaultValue("20") int burst) {
	}

	/**
	 * JWT callers own their exports as {@code <realm>:<sub>}; API-key owners never contain {@code :}, so the two
	 * cannot meet.
	 *
	 * @param realm the realm of token owners; unset: the host and path of the token's issuer ({@code iss}), e.g.
	 * {@code login.example.org/realms/earthchem}
	 * @param audiences the audiences a token must name one of ({@code aud}): required when JWTs are accepted, so that a
	 * token the identity provider issued for another application is refused
	 */
	public record Jwt(@Pattern(regexp = "[A-Za-z0-9._-]{1,100}",
			message = "must be 1 to 100 letters, digits or . _ - (no ':')") String realm,
			@DefaultValue List<String> audiences) {
	}

	/**
	 * A key to have in the table.
	 *
	 * @param key the key as sent in {@code X-API-Key}
	 * @param owner owner id
	 * @param email email address
	 * @param sources sources it may export
	 * @param operator whether it has the operator role
	 * @param metrics whether it is a metrics key: it reads {@code /actuator/prometheus} and nothing else (no sources)
	 */
	public record DemoKey(String key, String owner, String email, Set<String> sources, boolean operator,
			boolean metrics) {

		public DemoKey {
			sources = (sources != null) ? sources : Set.of();
		}

		@Override
		public String toString() {
			return "DemoKey[owner=" + this.owner + ", sources=" + this.sources + ", operator=" + this.operator
					+ ", metrics=" + this.metrics + "]";
		}

	}

}
