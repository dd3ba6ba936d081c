package org.earthchem.export.storage;

import java.time.Clock;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/** Wires the export bucket, its links and its sweeps. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

	@Bean
	ExportBucket exportBucket(S3Client s3, S3Presigner presigner, BucketProperties properties, LinkProperties links,
			ObjectProvider<AwsCredentialsProvider> credentials) {
		// Spring Cloud AWS's provider is the presigner's too: links say when the credentials they are signed with expire
		return new ExportBucket(s3, presigner, properties, links, Clock.systemUTC(), credentials.getIfAvailable());
	}

	@Bean
	DownloadLinks downloadLinks(ExportBucket bucket, TaskStore tasks, LinkProperties properties) {
		return new DownloadLinks(bucket, tasks, properties);
	}

	@Bean
	UploadSweep uploadSweep(ExportBucket bucket, BucketProperties properties, TaskStore tasks) {
		return new UploadSweep(bucket, properties.keyPrefix(), tasks, java.time.Duration.ofMinutes(1));
	}

	@Bean
	RetentionSweep retentionSweep(ExportBucket bucket, TaskStore tasks) {
		return new RetentionSweep(bucket, tasks);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> retentionSchedule(RetentionSweep sweep, TaskScheduler exportScheduler,
			RetentionProperties properties, TaskStore tasks) {
		return (event) -> {
			if (properties.retention() != null) {
				exportScheduler.scheduleWithFixedDelay(
						() -> sweep.expireCreatedBefore(tasks.now().minus(properties.retention())),
						properties.retentionCheckInterval());
			}
		};
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> uploadSweepSchedule(UploadSweep sweep, TaskScheduler exportScheduler,
			BucketProperties properties) {
		return (event) -> exportScheduler.scheduleWithFixedDelay(sweep::run, properties.sweepInterval());
	}

}
