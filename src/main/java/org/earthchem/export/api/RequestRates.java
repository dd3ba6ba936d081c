package org.earthchem.export.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The per-owner rate limits, each a Bucket4j token bucket per owner: the routes that run a search
 * ({@code POST …/exports}, {@code GET …/count}; {@code export.rate-limit.burst} tokens refilled at
 * {@code export.rate-limit.requests-per-minute}), and, a separate budget, the routes that read (every other
 * {@code GET} of the API, downloads among them; {@code export.rate-limit.read-burst} refilled at
 * {@code export.rate-limit.reads-per-minute}). The buckets live on each node (a Caffeine map): behind a load balancer
 * of N nodes an owner may reach up to N times a limit.
 */
@Component
class RequestRates {

	private final RateLimitProperties properties;

	private final Budget searches;

	private final Budget reads;

	/**
	 * @param clock the time the buckets refill by: a {@link Clock} bean where the context has one (a test's own),
	 * else the system's
	 */
	RequestRates(RateLimitProperties properties, ObjectProvider<Clock> clock) {
		this.properties = properties;
		TimeMeter time = timeMeter(clock.getIfAvailable(Clock::systemUTC));
		this.searches = new Budget(properties.requestsPerMinute(), properties.burst(), time);
		this.reads = new Budget(properties.readsPerMinute(), properties.readBurst(), time);
	}

	private static TimeMeter timeMeter(Clock clock) {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	/**
	 * Takes one of the owner's search tokens.
	 * @throws ApiException 429 with {@code Retry-After} (seconds until the next token) when none is left
	 */
	void take(String owner) {
		long seconds = this.searches.take(owner);
		if (seconds > 0) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS,
					"You sent more than " + this.properties.requestsPerMinute() + " searches a minute (at most "
							+ this.properties.burst() + " at once). Please wait " + seconds + " seconds.",
					Map.of("limit", this.properties.requestsPerMinute(), "burst", this.properties.burst()),
					Long.toString(seconds));
		}
	}

	/**
	 * Takes one of the owner's read tokens (a separate budget from the searches').
	 * @throws ApiException 429 with {@code Retry-After} when none is left
	 */
	void takeRead(String owner) {
		long seconds = this.reads.take(owner);
		if (seconds > 0) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS,
					"You sent more than " + this.properties.readsPerMinute() + " reads (polls, listings, downloads) a "
							+ "minute (at most " + this.properties.readBurst() + " at once). Please wait " + seconds
							+ " seconds; poll a task every 10 seconds.",
					Map.of("limit", this.properties.readsPerMinute(), "burst", this.properties.readBurst()),
					Long.toString(seconds));
		}
	}

	/** One budget: a bucket per owner. */
	private static final class Budget {

		private final int perMinute;

		private final int burst;

		private final Cache<String, Bucket> buckets;

		private final TimeMeter time;

		Budget(int perMinute, int burst, TimeMeter time) {
			this.perMinute = perMinute;
			this.burst = burst;
			this.time = time;
			// a bucket unused for as long as it takes to fill up again is a full one: forgetting it changes nothing
			Duration refillTime = Duration.ofMillis(TimeUnit.MINUTES.toMillis(1) * burst / perMinute + 1);
			this.buckets = Caffeine.newBuilder().expireAfterAccess(refillTime).maximumSize(100_000).build();
		}

		/** Takes a token: 0 when taken, else the seconds until the next one. */
		long take(String owner) {
			ConsumptionProbe probe = this.buckets.get(owner, (key) -> newBucket()).tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				return 0;
			}
			return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
		}

		private Bucket newBucket() {
			return Bucket.builder()
				.withCustomTimePrecision(this.time)
				.addLimit(Bandwidth.builder()
					.capacity(this.burst)
					.refillGreedy(this.perMinute, Duration.ofMinutes(1))
					.build())
				.build();
		}

	}

}
