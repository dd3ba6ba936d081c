package org.earthchem.export.task;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the exports the service holds: checked when an export is asked for, and again where the limit can drift
 * (the rows of a search when its export starts).
 *
 * @param maxTotalRows most rows one export may hold (422 when asked for, TOO_MANY_ROWS when it starts)
 * @param maxActivePerOwner most Pending or Processing tasks one owner may have (429 beyond)
 * @param maxPending most Pending tasks the whole service may hold, all owners and nodes together (503 beyond)
 */
@Validated
@ConfigurationProperties("export")
public record ExportLimits(@Min(1) @DefaultValue("2000000") long maxTotalRows,
		@Min(1) @DefaultValue("5") int maxActivePerOwner, @Min(1) @DefaultValue("1000") long maxPending) {
}
