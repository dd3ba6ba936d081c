package org.earthchem.export.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health of the export bucket: up while it answers. */
@Component("exportBucketHealthIndicator")
class ExportBucketHealth extends AbstractHealthIndicator {

	private final ExportBucket bucket;

	ExportBucketHealth(ExportBucket bucket) {
		super("The export bucket cannot be reached");
		this.bucket = bucket;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.bucket.check();
		builder.up().withDetail("bucket", this.bucket.name());
	}

}
