package org.earthchem.export.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Makes sure no task is lost or stuck. At start, Pending tasks are queued again oldest first (the queue of a
 * stopped node died with it). At start and then periodically, a Processing task whose job has sent no heartbeat for
 * a lease period is taken as interrupted: its Spring Batch execution is marked failed ({@code JobOperator} recovery)
 * and it goes through the retry path, so it resumes after its last committed chunk.
 */
class ExportRecovery {

	private static final Logger log = LoggerFactory.getLogger(ExportRecovery.class);

	private final TaskStore tasks;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final ExportLauncher launcher;

	private final RetryPlan retries;

	private final Duration lease;

	ExportRecovery(TaskStore tasks, JobRepository jobRepository, JobOperator jobOperator, ExportLauncher launcher,
			RetryPlan retries, Duration lease) {
		this.tasks = tasks;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.launcher = launcher;
		this.retries = retries;
		this.lease = lease;
	}

	/**
	 * At start: nothing of this node runs yet, so every Pending task needs queueing; then silent Processing tasks
	 * are recovered (they queue themselves through the retry path, so they must not be in the list above).
	 */
	void atStart() {
		for (ExportTask task : this.tasks.pendingOldestFirst()) {
			try {
				recoverExecution(task.taskId());
				this.launcher.launch(task.taskId());
				log.info("Export {} queued again at start", task.taskId());
			}
			catch (RuntimeException ex) {
				log.error("Export {} could not be queued again at start", task.taskId(), ex);
			}
		}
		recoverSilent();
	}

	/** Processing tasks whose job went silent for a lease period are resumed. */
	void recoverSilent() {
		for (ExportTask task : this.tasks.processingSilentSince(this.tasks.now().minus(this.lease))) {
			try {
				recoverExecution(task.taskId());
				TaskError error = ExportFailures.interrupted();
				if (this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.FAILED,
						TaskChange.failed(this.tasks.now(), error))) {
					log.warn("Export {} was interrupted (no heartbeat for {}); resuming it", task.taskId(), this.lease);
					this.tasks.find(task.taskId()).ifPresent((failed) -> this.retries.consider(failed, error));
				}
			}
			catch (RuntimeException ex) {
				log.error("Export {} could not be recovered", task.taskId(), ex);
			}
		}
	}

	/** Marks a job execution left running by a dead node as failed, so that it can be restarted. */
	private void recoverExecution(String taskId) {
		JobExecution last = this.jobRepository.getLastJobExecution(ExportJobConfig.JOB_NAME,
				new JobParametersBuilder().addString(ExportLauncher.TASK_ID, taskId, true).toJobParameters());
		if (last != null && last.isRunning()) {
			this.jobOperator.recover(last);
			log.info("Export {}: job execution {} of a stopped node marked failed", taskId, last.getId());
		}
	}

}
