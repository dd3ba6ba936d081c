package org.earthchem.export.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The per-owner rate limit of the routes that run a search ({@code POST …/exports}, {@code GET …/count}): a Bucket4j
 * token bucket per owner of {@code export.rate-limit.burst} tokens, refilled at
 * {@code export.rate-limit.requests-per-minute}. The buckets live on each node (a Caffeine map): behind a load
 * balancer of N nodes an owner may reach up to N times the limit.
 */
@Component
class RequestRates {

	private final RateLimitProperties properties;

	private final Cache<String, Bucket> buckets;

	RequestRates(RateLimitProperties properties) {
		this.properties = properties;
		// a bucket unused for as long as it takes to fill up again is a full one: forgetting it changes nothing
		Duration refillTime = Duration.ofMillis(TimeUnit.MINUTES.toMillis(1) * properties.burst()
				/ properties.requestsPerMinute() + 1);
		this.buckets = Caffeine.newBuilder().expireAfterAccess(refillTime).maximumSize(100_000).build();
	}

	/**
	 * Takes one of the owner's tokens.
	 * @throws ApiException 429 with {@code Retry-After} (seconds until the next token) when none is left
	 */
	void take(String owner) {
		ConsumptionProbe probe = this.buckets.get(owner, (key) -> newBucket()).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return;
		}
		long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
		throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS,
				"You sent more than " + this.properties.requestsPerMinute() + " searches a minute (at most "
						+ this.properties.burst() + " at once). Please wait " + seconds + " seconds.",
				Map.of("limit", this.properties.requestsPerMinute(), "burst", this.properties.burst()),
				Long.toString(seconds));
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.properties.burst())
				.refillGreedy(this.properties.requestsPerMinute(), Duration.ofMinutes(1))
				.build())
			.build();
	}

}
