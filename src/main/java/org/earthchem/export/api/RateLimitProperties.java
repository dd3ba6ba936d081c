package org.earthchem.export.api;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast one owner may call the API: a token bucket per owner, on each node, for the routes that run a search
 * (exports and counts), and another for the routes that read (every other {@code GET} of the API: polls, listings,
 * events, downloads).
 *
 * @param requestsPerMinute searches one owner may send a minute, sustained (429 beyond)
 * @param burst searches one owner may send at once after a quiet spell (the bucket's size)
 * @param readsPerMinute reads one owner may send a minute, sustained (429 beyond)
 * @param readBurst reads one owner may send at once after a quiet spell
 */
@Validated
@ConfigurationProperties("export.rate-limit")
public record RateLimitProperties(@Min(1) @DefaultValue("30") int requestsPerMinute,
		@Min(1) @DefaultValue("10") int burst, @Min(1) @DefaultValue("300") int readsPerMinute,
		@Min(1) @DefaultValue("60") int readBurst) {
}
