package org.earthchem.export.storage;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Download links.
 *
 * @param expiry how long a pre-signed link works (at most 7 days with SigV4)
 * @param streamBelowRows exports with fewer rows are streamed by {@code /download}; larger ones redirect to S3
 */
@Validated
@ConfigurationProperties("export.links")
public record LinkProperties(@NotNull @DefaultValue("7d") Duration expiry,
		@Min(0) @DefaultValue("10000") long streamBelowRows) {

	public LinkProperties {
		if (expiry != null && (expiry.isNegative() || expiry.isZero() || expiry.compareTo(Duration.ofDays(7)) > 0)) {
			throw new IllegalArgumentException("export.links.expiry must be between 1s and 7d (a SigV4 limit)");
		}
	}

}
