package org.earthchem.export.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys known to this service. Until key storage lands, only the local profile defines any (the demo keys).
 *
 * @param apiKeys the keys
 */
@ConfigurationProperties("export.security")
public record ApiKeyProperties(@DefaultValue List<ApiKey> apiKeys) {

	/**
	 * One key.
	 *
	 * @param key the key as sent in {@code X-API-Key}
	 * @param owner owner id
	 * @param email email address
	 * @param sources sources it may export
	 * @param operator whether it has the operator role
	 */
	public record ApiKey(String key, String owner, String email, Set<String> sources, boolean operator) {
	}

}
