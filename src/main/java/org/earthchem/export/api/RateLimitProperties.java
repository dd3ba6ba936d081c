package org.earthchem.export.api;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast one owner may ask for exports and counts (the routes that run a search): a token bucket per owner, on
 * each node.
 *
 * @param requestsPerMinute requests one owner may send a minute, sustained (429 beyond)
 * @param burst requests one owner may send at once after a quiet spell (the bucket's size)
 */
@Validated
@ConfigurationProperties("export.rate-limit")
public record RateLimitProperties(@Min(1) @DefaultValue("30") int requestsPerMinute,
		@Min(1) @DefaultValue("10") int burst) {
}
