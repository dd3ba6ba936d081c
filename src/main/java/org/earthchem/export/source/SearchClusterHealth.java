package org.earthchem.export.source;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health of the search cluster: down when it cannot be reached or is red. */
@Component("searchClusterHealthIndicator")
class SearchClusterHealth extends AbstractHealthIndicator {

	private final SearchCluster cluster;

	SearchClusterHealth(SearchCluster cluster) {
		super("The search cluster cannot be reached");
		this.cluster = cluster;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String status = this.cluster.healthStatus();
		(("red".equals(status)) ? builder.down() : builder.up()).withDetail("status", status);
	}

}
