package org.earthchem.export.source;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the search cluster: down when it cannot be reached or is red. A cluster out of reach is an answer, not a
 * failure of the check: it is reported without a warning and stack trace at each probe (a node that waits for the
 * cluster logs one warning per check of its sources, see {@link SourceCheck}).
 */
@Component("searchClusterHealthIndicator")
class SearchClusterHealth extends AbstractHealthIndicator {

	private final SearchCluster cluster;

	SearchClusterHealth(SearchCluster cluster) {
		super("The search cluster cannot be reached");
		this.cluster = cluster;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String status;
		try {
			status = this.cluster.healthStatus();
		}
		catch (SearchUnavailableException ex) {
			builder.down().withDetail("error", ex.getMessage());
			return;
		}
		(("red".equals(status)) ? builder.down() : builder.up()).withDetail("status", status);
	}

}
