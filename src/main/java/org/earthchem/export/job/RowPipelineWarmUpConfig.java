package org.earthchem.export.job;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.run.NodeId;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.storage.BucketProperties;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.task.TaskStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warm-ups of the row pipeline ({@link RowPipelineWarmUp}) and then of the AWS clients ({@link ClientWarmUp}) on a
 * thread of their own once the service has started and its sources are checked against the search cluster (a node
 * that could not reach the cluster at start warms up once it could), and their
 * health: out of service (so not ready, and a load balancer or {@code make run}'s wait holds back) until it is done.
 * The queue listener does not wait: an export that arrives meanwhile runs, only slower.
 */
@Configuration(proxyBeanMethods = false)
class RowPipelineWarmUpConfig {

	private static final Logger log = LoggerFactory.getLogger(RowPipelineWarmUpConfig.class);

	private final AtomicBoolean warmed = new AtomicBoolean();

	@Bean
	RowPipelineWarmUp rowPipelineWarmUp(SourceCatalog sources, SearchCluster cluster, JsonFactory exportJsonFactory,
			ExportJobProperties properties, BucketProperties bucketProperties) {
		return new RowPipelineWarmUp(sources, cluster, exportJsonFactory, properties,
				bucketProperties.partSizeBytes());
	}

	@Bean
	ClientWarmUp clientWarmUp(ExportBucket bucket, TaskStore tasks, NodeId node, ExportJobProperties properties,
			BucketProperties bucketProperties) {
		return new ClientWarmUp(bucket, tasks, node, properties.warmUpRequests(), properties.warmUpParts(),
				bucketProperties.partSizeBytes());
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> rowPipelineWarmUpStart(RowPipelineWarmUp warmUp,
			ClientWarmUp clientWarmUp, ExportJobProperties properties, SourceCatalog sources) {
		return (event) -> {
			if (properties.warmUpRows() == 0 && properties.warmUpRequests() == 0 && properties.warmUpParts() == 0) {
				this.warmed.set(true);
				return;
			}
			if (!sources.isChecked()) {
				log.info("The warm-ups wait until the sources are checked against the search cluster");
			}
			sources.whenChecked("the start of the warm-ups", () -> start(warmUp, clientWarmUp, properties));
		};
	}

	/** The warm-ups on a thread of their own; ready (warmed) once they are done, whatever they met. */
	private void start(RowPipelineWarmUp warmUp, ClientWarmUp clientWarmUp, ExportJobProperties properties) {
		Thread thread = new Thread(() -> {
			try {
				if (properties.warmUpRows() > 0) {
					warmUp.run();
				}
				if (properties.warmUpRequests() > 0 || properties.warmUpParts() > 0) {
					clientWarmUp.run();
				}
				CompilerSettling.await(properties.warmUpCompilerWait());
			}
			finally {
				this.warmed.set(true);
			}
		}, "row-pipeline-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	@Bean
	HealthIndicator rowPipelineHealthIndicator() {
		return () -> this.warmed.get() ? Health.up().build()
				: Health.outOfService().withDetail("rowPipeline", "warming up").build();
	}

}
