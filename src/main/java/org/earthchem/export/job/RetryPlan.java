package org.earthchem.export.job;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.scheduling.TaskScheduler;

/**
 * Gives an export that failed for a passing reason another attempt: the task goes back to Pending with a
 * RETRY_SCHEDULED event, and after a back-off that doubles each time its job is restarted, resuming after its
 * last committed chunk. After {@code export.max-attempts} the failure stands.
 */
class RetryPlan {

	private static final Logger log = LoggerFactory.getLogger(RetryPlan.class);

	private final TaskStore tasks;

	private final TaskScheduler scheduler;

	private final ExportJobProperties properties;

	private ExportLauncher launcher;

	RetryPlan(TaskStore tasks, TaskScheduler scheduler, ExportJobProperties properties) {
		this.tasks = tasks;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	/** Set once the job exists: the launcher needs the job, whose listener needs this plan. */
	void setLauncher(ExportLauncher launcher) {
		this.launcher = launcher;
	}

	/**
	 * Schedules another attempt of a Failed task if it has attempts left.
	 * @return whether another attempt is scheduled (else the failure stands)
	 */
	boolean consider(ExportTask task, TaskError error) {
		if (task.status() != TaskStatus.FAILED || task.attempts() >= this.properties.maxAttempts()) {
			log.warn("Export {} failed for good after {} attempt(s): {}", task.taskId(), task.attempts(), error.code());
			return false;
		}
		Duration wait = this.properties.retryBackoff().multipliedBy(1L << Math.max(0, task.attempts() - 1));
		if (!this.tasks.transition(task.taskId(), TaskStatus.FAILED, TaskStatus.PENDING, TaskChange.requeued())) {
			return false;
		}
		this.tasks.recordEvent(task.taskId(), TaskEventType.RETRY_SCHEDULED, "attempt " + (task.attempts() + 1) + " of "
				+ this.properties.maxAttempts() + " in " + wait.toMillis() + " ms after " + error.code());
		log.info("Export {} failed ({}); attempt {} of {} in {} ms", task.taskId(), error.code(), task.attempts() + 1,
				this.properties.maxAttempts(), wait.toMillis());
		this.scheduler.schedule(() -> relaunch(task.taskId()), Instant.now().plus(wait));
		return true;
	}

	private void relaunch(String taskId) {
		try {
			this.launcher.launch(taskId);
		}
		catch (RuntimeException ex) {
			// the task stays Pending; recovery at start picks it up
			log.error("Export {} could not be restarted", taskId, ex);
		}
	}

}
