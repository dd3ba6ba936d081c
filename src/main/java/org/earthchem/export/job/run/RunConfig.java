package org.earthchem.export.job.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.earthchem.export.job.ExportJobProperties;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.QueueClaims;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The run of exports on this node: the worker pool the job operator launches on ({@code export.workers}), the worker
 * that a queue message hands a task to, heartbeats on a scheduler of their own, the take-over of silent runs, the retry
 * plan, and the operators' job operations.
 */
@Configuration(proxyBeanMethods = false)
class RunConfig {

	@Bean
	NodeId exportNode(ExportJobProperties properties) {
		return new NodeId(properties.nodeId());
	}

	@Bean
	@BatchTaskExecutor
	TaskExecutor exportWorkers(ExportJobProperties jobProperties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(jobProperties.workers());
		executor.setMaxPoolSize(jobProperties.workers());
		executor.setThreadNamePrefix("export-");
		executor.setWaitForTasksToCompleteOnShutdown(false);
		// the job joins the trace of the queue message that started it
		executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		executor.initialize();
		return executor;
	}

	/**
	 * Heartbeats of running exports, apart from every other scheduled call: a slow call of another kind never delays
	 * the beat that keeps a run's lease.
	 */
	@Bean
	ThreadPoolTaskScheduler heartbeatScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("export-heartbeat-");
		return scheduler;
	}

	/** Sweeps, gauges and recovery checks. */
	@Bean
	ThreadPoolTaskScheduler exportScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("export-scheduler-");
		return scheduler;
	}

	@Bean
	RetryPlan exportRetryPlan(ExportJobProperties properties, ExportMetrics metrics) {
		return new RetryPlan(properties, metrics);
	}

	@Bean
	ExportRuns exportRuns() {
		return new ExportRuns();
	}

	@Bean
	ExecutionEnds exportExecutionEnds() {
		return new ExecutionEnds();
	}

	@Bean
	NodeStopping exportNodeStopping() {
		return new NodeStopping();
	}

	@Bean
	StartOrder exportStartOrder(QueueClaims queueClaims, NodeId exportNode, ExportJobProperties properties,
			@Qualifier("searchClusterHealthIndicator") HealthIndicator searchClusterHealth) {
		// the indicator answers from its last check for export.health.cache-ttl (HealthChecks)
		return new StartOrder(queueClaims, exportNode, properties.lease(),
				() -> Status.UP.equals(searchClusterHealth.health().getStatus()));
	}

	@Bean
	ExportWorker exportWorker(TaskStore tasks, ExportLauncher exportLauncher, ExecutionEnds exportExecutionEnds,
			ExportRecovery exportRecovery, RetryPlan exportRetryPlan, ExportJobProperties properties,
			NodeStopping exportNodeStopping, ApplicationEventPublisher events, MeterRegistry registry,
			StartOrder exportStartOrder) {
		ExportWorker worker = new ExportWorker(tasks, exportLauncher, exportExecutionEnds, exportRecovery,
				exportRetryPlan, properties.lease(), exportNodeStopping, events, exportStartOrder);
		Gauge.builder("export.tasks.running", worker, ExportWorker::running)
			.description("Exports this node runs now")
			.register(registry);
		return worker;
	}

	@Bean
	Heartbeats exportHeartbeats(ThreadPoolTaskScheduler heartbeatScheduler, ExportJobProperties properties,
			ExportRuns exportRuns) {
		return new Heartbeats(heartbeatScheduler, properties.lease().dividedBy(4), exportRuns);
	}

	@Bean
	ExportRecovery exportRecovery(RunningTasks runningTasks, JobRepository jobRepository, JobOperator jobOperator,
			RetryPlan exportRetryPlan, ExportJobProperties properties, ExportMetrics metrics) {
		return new ExportRecovery(runningTasks, jobRepository, jobOperator, exportRetryPlan, properties.lease(),
				metrics);
	}

	@Bean
	ExportOperations exportOperations(JobRepository jobRepository, JobOperator jobOperator, TaskStore tasks,
			RunningTasks runningTasks, ExportJobProperties properties, ExportBucket bucket, ExportMetrics metrics) {
		return new ExportOperations(jobRepository, jobOperator, tasks, runningTasks, properties.lease(), bucket,
				metrics);
	}

	@Bean
	ExportLauncher exportLauncher(JobOperator jobOperator, Job exportJob) {
		return new ExportLauncher(jobOperator, exportJob);
	}

}
