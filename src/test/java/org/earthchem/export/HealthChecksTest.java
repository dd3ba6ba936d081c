package org.earthchem.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The health indicators' backend checks are remembered a few seconds: open health probes cost no backend call each. */
class HealthChecksTest extends IntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void theServicesIndicatorsAnswerFromTheirLastCheckWithinTheTimeToLive() {
		for (String name : new String[] { "searchClusterHealthIndicator", "taskTableHealthIndicator",
				"exportBucketHealthIndicator" }) {
			HealthIndicator indicator = this.context.getBean(name, HealthIndicator.class);
			Health first = indicator.health();
			// the same answer, not an equal one: the backend was not asked again
			assertThat(indicator.health()).as(name).isSameAs(first);
		}
		assertThat(http(null).get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void aThousandHealthChecksWithinTheTimeToLiveCostOneBackendCall() {
		AtomicInteger calls = new AtomicInteger();
		MutableClock clock = new MutableClock();
		HealthIndicator cached = new HealthChecks(Duration.ofSeconds(5), clock)
			.postProcessAfterInitialization(new CountingIndicator(calls), "counting") instanceof HealthIndicator wrapped
					? wrapped : null;

		for (int i = 0; i < 1000; i++) {
			assertThat(cached.health().getStatus().getCode()).isEqualTo("UP");
		}
		assertThat(calls).hasValue(1);

		clock.advance(Duration.ofSeconds(5));
		cached.health();
		assertThat(calls).hasValue(2);
	}

	/** An indicator of the service's package (only those are wrapped) that counts its checks. */
	static final class CountingIndicator implements HealthIndicator {

		private final AtomicInteger calls;

		CountingIndicator(AtomicInteger calls) {
			this.calls = calls;
		}

		@Override
		public Health health() {
			this.calls.incrementAndGet();
			return Health.up().build();
		}

	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
