package org.earthchem.export.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;

/**
 * Gives an export that failed for a passing reason another attempt: the task goes back to Pending with a
 * RETRY_SCHEDULED event, and its queue message comes back after a back-off that doubles each time; the next
 * execution resumes after the last uploaded part. After {@code export.max-attempts} the failure stands.
 */
class RetryPlan {

	private static final Logger log = LoggerFactory.getLogger(RetryPlan.class);

	private final TaskStore tasks;

	private final ExportJobProperties properties;

	private final ExportMetrics metrics;

	RetryPlan(TaskStore tasks, ExportJobProperties properties, ExportMetrics metrics) {
		this.metrics = metrics;
		this.tasks = tasks;
		this.properties = properties;
	}

	/**
	 * Puts a Failed task back to Pending if it has attempts left.
	 * @return whether another attempt is due (else the failure stands)
	 */
	boolean consider(ExportTask task, TaskError error) {
		if (task.status() != TaskStatus.FAILED || task.attempts() >= this.properties.maxAttempts()) {
			log.warn("Export {} failed for good after {} attempt(s): {}", task.taskId(), task.attempts(), error.code());
			return false;
		}
		Duration wait = backoff(task.attempts());
		if (!this.tasks.transition(task.taskId(), TaskStatus.FAILED, TaskStatus.PENDING, TaskChange.requeued())) {
			return false;
		}
		this.tasks.recordEvent(task.taskId(), TaskEventType.RETRY_SCHEDULED, "attempt " + (task.attempts() + 1) + " of "
				+ this.properties.maxAttempts() + " in " + wait.toMillis() + " ms after " + error.code());
		this.metrics.retried(task, error.code().name());
		log.info("Export {} failed ({}); attempt {} of {} in {} ms", task.taskId(), error.code(), task.attempts() + 1,
				this.properties.maxAttempts(), wait.toMillis());
		return true;
	}

	/** The wait before the attempt after {@code attempts} attempts. */
	Duration backoff(int attempts) {
		return this.properties.retryBackoff().multipliedBy(1L << Math.max(0, attempts - 1));
	}

	/** Whether a failed task may never run again by itself (it waits for an operator, in the dead-letter queue). */
	boolean exhausted(ExportTask task) {
		return task.status() == TaskStatus.FAILED && task.error() != null && ExportFailures.isTransient(task.error())
				&& task.attempts() >= this.properties.maxAttempts();
	}

}
