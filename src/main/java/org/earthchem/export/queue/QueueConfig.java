package org.earthchem.export.queue;

import java.time.Duration;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.BackPressureMode;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.earthchem.export.job.ExportJobProperties;
import org.earthchem.export.job.run.ExportWorker;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * Wires the SQS queue: its setup, sending, the listener that runs exports (started once the sources are checked), the
 * reconciler and the graceful stop.
 */
@Configuration(proxyBeanMethods = false)
class QueueConfig {

	static final String LISTENER_FACTORY = "exportTaskListenerFactory";

	@Bean
	QueueSetup queueSetup(SqsAsyncClient sqs, QueueProperties properties, ExportJobProperties jobProperties) {
		if (jobProperties.lease().compareTo(properties.visibilityTimeout().multipliedBy(2).dividedBy(3)) >= 0) {
			// a message comes back at the earliest two thirds of the timeout after its node's last extension: the
			// node must look dead (no heartbeat for a lease) by then, or the export waits another round
			throw new IllegalStateException("export.lease (" + jobProperties.lease()
					+ ") must be shorter than two thirds of export.queue.visibility-timeout ("
					+ properties.visibilityTimeout() + ")");
		}
		return new QueueSetup(sqs, properties);
	}

	/**
	 * At most {@code export.workers} messages in hand, one per poll, each poll as soon as a worker is free. Each task is a
	 * message group of its own, and SQS does not order different groups: exports sent close together may start in
	 * another order than they were sent (the queue position shown to users is the order of creation).
	 */
	@Bean(LISTENER_FACTORY)
	SqsMessageListenerContainerFactory<Object> exportTaskListenerFactory(SqsAsyncClient sqs,
			ExportJobProperties jobProperties, ObservationRegistry observationRegistry) {
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqs)
			.configure((options) -> options.maxConcurrentMessages(jobProperties.workers())
				.maxMessagesPerPoll(1)
				.backPressureMode(BackPressureMode.FIXED_HIGH_THROUGHPUT)
				// the queues are made by QueueSetup (or by infrastructure code), never as plain queues on the fly
				.queueNotFoundStrategy(QueueNotFoundStrategy.FAIL)
				.acknowledgementMode(AcknowledgementMode.MANUAL)
				.pollTimeout(Duration.ofSeconds(5))
				// a stopping node hands its exports back at their next chunk: seconds, not minutes
				.listenerShutdownTimeout(Duration.ofSeconds(60))
				// continues the trace the message carries
				.observationRegistry(observationRegistry)
				// started by ListenerStart once the sources are checked, not with the context
				.autoStartup(false))
			.build();
	}

	@Bean
	ListenerStart exportListenerStart(SourceCatalog sources, MessageListenerContainerRegistry listeners,
			ExportWorker exportWorker, QueueProperties properties) {
		return new ListenerStart(sources, listeners, exportWorker, properties.name());
	}

	@Bean
	ExportQueue exportQueue(SqsTemplate sqsTemplate, QueueProperties properties, PendingTasks taskQueue,
			QueueSetup queueSetup) {
		return new ExportQueue(sqsTemplate, properties, taskQueue, queueSetup);
	}

	@Bean
	TaskMessageListener taskMessages(ExportWorker exportWorker, VisibilityHeartbeats visibilityHeartbeats,
			QueueProperties properties, ExportQueue exportQueue, TaskStore tasks, ExportJobProperties jobProperties) {
		return new TaskMessageListener(exportWorker, visibilityHeartbeats, properties, exportQueue, tasks, jobProperties);
	}

	/**
	 * The visibility extensions of the messages in hand, on two threads of their own (each extension only starts an
	 * asynchronous call): never behind the export scheduler's sweeps and gauges. Closed after the graceful stop.
	 */
	@Bean
	VisibilityHeartbeats visibilityHeartbeats(ExportWorker exportWorker, QueueProperties properties) {
		return new VisibilityHeartbeats(exportWorker, properties.visibilityTimeout(), 2);
	}

	@Bean
	GracefulStop exportGracefulStop(ExportWorker exportWorker, MessageListenerContainerRegistry listeners) {
		return new GracefulStop(exportWorker, listeners);
	}

	@Bean
	QueueReconciler queueReconciler(TaskStore tasks, PendingTasks taskQueue, ExportQueue exportQueue,
			ExportWorker exportWorker, QueueProperties properties) {
		return new QueueReconciler(tasks, taskQueue, exportQueue, exportWorker, properties.reconcileInterval(),
				properties.lostAfter());
	}

	@Bean
	StartEstimates startEstimates(PendingTasks taskQueue, ExportJobProperties jobProperties) {
		return new StartEstimates(taskQueue, jobProperties.workers(), java.time.Clock.systemUTC());
	}

	@Bean
	QueueGauges queueGauges(TaskStore tasks, ExportQueue exportQueue, MeterRegistry registry) {
		return new QueueGauges(tasks, exportQueue, registry);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> queueReconcilerSchedule(QueueReconciler reconciler,
			QueueGauges queueGauges, TaskScheduler exportScheduler, QueueProperties properties) {
		return (event) -> {
			if (properties.resendAtStart()) {
				reconciler.resendActive();
			}
			exportScheduler.scheduleWithFixedDelay(reconciler::sendUnqueued, properties.reconcileInterval());
			exportScheduler.scheduleWithFixedDelay(queueGauges::refresh, Duration.ofSeconds(15));
		};
	}

}
