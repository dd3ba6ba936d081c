package org.earthchem.export.job.run;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.ExportJobProperties;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskRun;
import org.earthchem.export.task.TaskStatus;

/**
 * Gives an export whose run failed for a passing reason another attempt: the task goes from Processing straight back
 * to Pending (never through a final status) with a RETRY_SCHEDULED event, and its queue message comes back after a
 * back-off that doubles each time; the next run resumes after the last uploaded part. After
 * {@code export.max-attempts} the failure stands.
 */
public class RetryPlan {

	private static final Logger log = LoggerFactory.getLogger(RetryPlan.class);

	private final ExportJobProperties properties;

	private final ExportMetrics metrics;

	public RetryPlan(ExportJobProperties properties, ExportMetrics metrics) {
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * Whether a task whose attempt failed may take another: attempts count failures of the export itself, not its
	 * interruptions (a silent node's run taken over).
	 */
	boolean hasAttemptsLeft(ExportTask task) {
		return task.failedAttempts() < this.properties.maxAttempts();
	}

	/**
	 * Whether a task whose run's node went silent may be taken over once more: its interruptions have a bound of their
	 * own ({@code export.max-interruptions}), so that an export that brings its nodes down does not go round for ever.
	 */
	boolean mayTakeOver(ExportTask task) {
		return task.interruptions() < this.properties.maxInterruptions();
	}

	/**
	 * Puts the run's task back to Pending if it has attempts left.
	 * @return whether another attempt is due (else the failure stands)
	 */
	public boolean retry(TaskRun run, ExportTask task, TaskError error) {
		if (!hasAttemptsLeft(task)) {
			log.warn("Export {} failed for good after {} attempt(s): {}", task.taskId(), task.attempts(), error.code());
			return false;
		}
		if (!run.retry(error, backoff(task.failedAttempts()), detail(task, error))) {
			return false;
		}
		this.metrics.retried(task, error.code().name());
		log.info("Export {} failed ({}); attempt {} of {} in {} ms", task.taskId(), error.code(),
				task.failedAttempts() + 1, this.properties.maxAttempts(), backoff(task.failedAttempts()).toMillis());
		return true;
	}

	/** The RETRY_SCHEDULED event's words. */
	String detail(ExportTask task, TaskError error) {
		return "attempt " + (task.failedAttempts() + 1) + " of " + this.properties.maxAttempts() + " in "
				+ backoff(task.failedAttempts()).toMillis() + " ms after " + error.code();
	}

	/** The RETRY_SCHEDULED event's words for a takeover: at once, and not a failed attempt. */
	String takeOverDetail(ExportTask task) {
		return "interruption " + (task.interruptions() + 1) + " of " + this.properties.maxInterruptions()
				+ ", at once; attempt " + task.failedAttempts() + " of " + this.properties.maxAttempts() + " goes on";
	}

	/** The wait before the attempt after {@code attempts} attempts. */
	Duration backoff(int attempts) {
		return this.properties.retryBackoff().multipliedBy(1L << Math.max(0, attempts - 1));
	}

	/** Whether a failed task may never run again by itself (it waits for an operator, in the dead-letter queue). */
	boolean exhausted(ExportTask task) {
		return task.status() == TaskStatus.FAILED && task.error() != null && ExportFailures.isTransient(task.error())
				&& (task.failedAttempts() >= this.properties.maxAttempts() || !mayTakeOver(task));
	}

}
