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
 * @param maxQueryLength longest query string, in characters (400 beyond)
 * @param maxParameters most query parameters in one request (400 beyond)
 * @param maxValueLength longest value of one parameter, in characters (400 beyond)
 * @param maxPending most Pending tasks the whole service may hold, all owners and nodes together (503 beyond)
 */
@Validated
@ConfigurationProperties("export")
public record RequestLimits(@Min(1) @DefaultValue("2000000") long maxTotalRows,
		@Min(1) @DefaultValue("5") int maxActivePerOwner, @Min(64) @DefaultValue("4096") int maxQueryLength,
		@Min(1) @DefaultValue("50") int maxParameters, @Min(16) @DefaultValue("1024") int maxValueLength,
		@Min(1) @DefaultValue("1000") long maxPending) {
}
