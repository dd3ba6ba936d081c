package org.earthchem.export.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Takes over an export whose node died: its message came back to the queue and its task has sent no heartbeat for a
 * lease. The dead execution is marked failed in the shared job repository ({@code JobOperator} recovery) and the
 * task goes through the retry path, so the next execution resumes from the last uploaded part.
 */
class ExportRecovery {

	private static final Logger log = LoggerFactory.getLogger(ExportRecovery.class);

	private final TaskStore tasks;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final RetryPlan retries;

	private final Duration lease;

	private final ExportMetrics metrics;

	ExportRecovery(TaskStore tasks, JobRepository jobRepository, JobOperator jobOperator, RetryPlan retries,
			Duration lease, ExportMetrics metrics) {
		this.metrics = metrics;
		this.tasks = tasks;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.retries = retries;
		this.lease = lease;
	}

	/** Whether a Processing task's job has shown no sign of life for a lease (its node died). */
	boolean isSilent(ExportTask task) {
		return this.tasks.processingSilentSince(this.tasks.now().minus(this.lease))
			.stream()
			.anyMatch((silent) -> silent.taskId().equals(task.taskId()));
	}

	/** Marks the dead execution failed and the task Failed, then Pending again if it has attempts left. */
	void takeOver(ExportTask task) {
		recoverExecution(task.taskId());
		TaskError error = ExportFailures.interrupted();
		if (this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.FAILED,
				TaskChange.failed(this.tasks.now(), error))) {
			log.warn("Export {} was interrupted (no heartbeat for {}); taking it over", task.taskId(), this.lease);
			this.tasks.find(task.taskId()).ifPresent((failed) -> {
				if (!this.retries.consider(failed, error)) {
					this.metrics.finished(failed, ExportMetrics.Outcome.FAILED);
				}
			});
		}
	}

	/** Marks a job execution left running by a dead node as failed, so that it can be restarted. */
	void recoverExecution(String taskId) {
		JobExecution last = this.jobRepository.getLastJobExecution(ExportJobConfig.JOB_NAME,
				new JobParametersBuilder().addString(ExportLauncher.TASK_ID, taskId, true).toJobParameters());
		if (last != null && last.isRunning()) {
			this.jobOperator.recover(last);
			log.info("Export {}: job execution {} of a stopped node marked failed", taskId, last.getId());
		}
	}

}
