package org.earthchem.export.storage;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long finished files are kept.
 *
 * @param retention how long after an export's creation its files are kept; unset keeps them for ever
 * @param retentionCheckInterval how often expired files are looked for, when retention is set
 */
@Validated
@ConfigurationProperties("export")
public record RetentionProperties(Duration retention,
		@NotNull @DefaultValue("1h") Duration retentionCheckInterval) {

	public RetentionProperties {
		if (retention != null && (retention.isNegative() || retention.isZero())) {
			throw new IllegalArgumentException("export.retention must be positive, or unset to keep files for ever");
		}
	}

}
