package org.earthchem.export.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Failed authentications per client address: a Bucket4j token bucket per address of
 * {@code export.security.failed-authentications.burst} tokens, refilled at {@code …per-minute}; each refused
 * credential takes one. An address without tokens is answered 429 before its credential is looked up, so random keys
 * cost the key table at most the bucket's refill. Kept on each node, like the per-owner rate limits.
 */
final class FailedAuthentications {

	private final SecurityProperties.FailedAuthentications limits;

	private final Cache<String, Bucket> buckets;

	FailedAuthentications(SecurityProperties.FailedAuthentications limits) {
		this.limits = limits;
		// a bucket unused for as long as it takes to fill up again is a full one: forgetting it changes nothing
		Duration refillTime = Duration.ofMillis(TimeUnit.MINUTES.toMillis(1) * limits.burst() / limits.perMinute() + 1);
		this.buckets = Caffeine.newBuilder().expireAfterAccess(refillTime).maximumSize(100_000).build();
	}

	/** Seconds until the address may try a credential again; 0 when it may now. */
	long secondsBlocked(String address) {
		Bucket bucket = this.buckets.getIfPresent(address);
		if (bucket == null || bucket.getAvailableTokens() > 0) {
			return 0;
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	/** One more refused credential from the address. */
	void failed(String address) {
		this.buckets.get(address, (key) -> newBucket()).tryConsume(1);
	}

	SecurityProperties.FailedAuthentications limits() {
		return this.limits;
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limits.burst())
				.refillGreedy(this.limits.perMinute(), Duration.ofMinutes(1))
				.build())
			.build();
	}

}
