package org.earthchem.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;

/**
 * The service's own health indicators (the search cluster's {@code _cluster/health}, the task table's
 * {@code DescribeTable}, the bucket's {@code HeadBucket}) answer from their last check for
 * {@code export.health.cache-ttl}: {@code /actuator/health} is open to anyone, and each hit would otherwise cost three
 * backend calls. Every indicator bean of the service's packages is wrapped under its own name.
 */
final class HealthChecks implements BeanPostProcessor {

	private static final String SERVICE_PACKAGE = HealthChecks.class.getPackageName() + ".";

	private final Duration ttl;

	private final Clock clock;

	HealthChecks(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	/** The time to live of {@code export.health.cache-ttl} (default 5 s; 0 checks every time). */
	static HealthChecks from(Environment environment) {
		Duration ttl = Binder.get(environment).bind("export.health.cache-ttl", Duration.class).orElse(Duration.ofSeconds(5));
		if (ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("export.health.cache-ttl must be between 0 and 1m: " + ttl);
		}
		return new HealthChecks(ttl, Clock.systemUTC());
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HealthIndicator indicator && bean.getClass().getName().startsWith(SERVICE_PACKAGE)
				&& !this.ttl.isZero()) {
			return new Cached(indicator, this.ttl, this.clock);
		}
		return bean;
	}

	/** One indicator's last answer, kept for a while; one caller checks at a time, the others take the last answer. */
	static final class Cached implements HealthIndicator {

		private final HealthIndicator delegate;

		private final Duration ttl;

		private final Clock clock;

		private volatile Health last;

		private volatile Instant checkedAt = Instant.MIN;

		Cached(HealthIndicator delegate, Duration ttl, Clock clock) {
			this.delegate = delegate;
			this.ttl = ttl;
			this.clock = clock;
		}

		@Override
		public Health health() {
			Health health = this.last;
			if (health != null && this.clock.instant().isBefore(this.checkedAt.plus(this.ttl))) {
				return health;
			}
			synchronized (this) {
				if (this.last != null && this.clock.instant().isBefore(this.checkedAt.plus(this.ttl))) {
					return this.last;
				}
				Health checked = this.delegate.health();
				this.last = checked;
				this.checkedAt = this.clock.instant();
				return checked;
			}
		}

	}

}
