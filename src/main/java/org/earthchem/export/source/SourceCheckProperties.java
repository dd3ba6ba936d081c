package org.earthchem.export.source;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often a node checks its sources again when the search cluster could not be reached at its start (it stays up,
 * not ready, and takes no exports until the check passes).
 *
 * @param firstRetryDelay the wait before the second check, doubled after each further check that could not reach
 * the cluster ({@code EXPORT_SOURCE_CHECK_FIRST_RETRY_DELAY})
 * @param maxRetryDelay the longest wait between two checks ({@code EXPORT_SOURCE_CHECK_MAX_RETRY_DELAY})
 */
@Validated
@ConfigurationProperties("export.source-check")
public record SourceCheckProperties(@NotNull @DefaultValue("1s") Duration firstRetryDelay,
		@NotNull @DefaultValue("30s") Duration maxRetryDelay) {

	public SourceCheckProperties {
		if (firstRetryDelay != null && (firstRetryDelay.isNegative() || firstRetryDelay.isZero())) {
			throw new IllegalArgumentException(
					"export.source-check.first-retry-delay must be positive: " + firstRetryDelay);
		}
		if (firstRetryDelay != null && maxRetryDelay != null && maxRetryDelay.compareTo(firstRetryDelay) < 0) {
			throw new IllegalArgumentException("export.source-check.max-retry-delay (" + maxRetryDelay
					+ ") must be at least export.source-check.first-retry-delay (" + firstRetryDelay + ")");
		}
	}

	/** The wait after the {@code failedChecks}-th check in a row that could not reach the cluster (1 or more). */
	Duration delayAfter(int failedChecks) {
		Duration delay = this.firstRetryDelay;
		for (int i = 1; i < failedChecks && delay.compareTo(this.maxRetryDelay) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.maxRetryDelay) > 0) ? this.maxRetryDelay : delay;
	}

}
