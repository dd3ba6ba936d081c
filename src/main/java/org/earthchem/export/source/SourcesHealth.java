package org.earthchem.export.source;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the sources are checked against the search cluster (a member of the readiness group): out of service while
 * the node waits for the cluster it could not reach at start, so that no load balancer sends it requests and no
 * orchestrator counts it as ready.
 */
@Component("sourcesHealthIndicator")
class SourcesHealth implements HealthIndicator {

	private final SourceCatalog catalog;

	private final SourceCheck check;

	SourcesHealth(SourceCatalog catalog, SourceCheck check) {
		this.catalog = catalog;
		this.check = check;
	}

	@Override
	public Health health() {
		if (this.catalog.isChecked()) {
			return Health.up().withDetail("sources", this.catalog.all().size()).build();
		}
		Health.Builder waiting = Health.outOfService()
			.withDetail("sources", "not checked: waiting for the search cluster")
			.withDetail("failedChecks", this.check.failedChecks());
		String problem = this.check.lastProblem();
		if (problem != null) {
			waiting.withDetail("lastProblem", problem);
		}
		return waiting.build();
	}

}
