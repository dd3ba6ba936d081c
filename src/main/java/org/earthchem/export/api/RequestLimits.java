package org.earthchem.export.api;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one request may ask for.
 *
 * @param maxTotalRows most rows one export may hold (422 beyond)
 * @param maxActivePerOwner most Pending or Processing tasks one owner may have (429 beyond)
 * @param maxStreamedRows exports with fewer rows are streamed by the download route itself
 */
@Validated
@ConfigurationProperties("export")
public record RequestLimits(@Min(1) @DefaultValue("2000000") long maxTotalRows,
		@Min(1) @DefaultValue("5") int maxActivePerOwner, @Min(0) @DefaultValue("10000") long maxStreamedRows) {
}
