package org.earthchem.export.job.run;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.metrics.ExportMetrics.Outcome;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * What an operator may do to a job execution, kept in step with its task: restart a failed one (the task goes
 * back through Pending and resumes), stop a running one (the task becomes Cancelled), abandon a dead one (the task
 * becomes Failed and never resumes). Every action is an event of the task, naming the operator.
 */
public class ExportOperations {

	private static final Logger log = LoggerFactory.getLogger(ExportOperations.class);

	private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED,
			BatchStatus.STOPPING);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final TaskStore tasks;

	private final Duration lease;

	private final ExportBucket bucket;

	private final ExportMetrics metrics;

	private final RunningTasks running;

	public ExportOperations(JobRepository jobRepository, JobOperator jobOperator, TaskStore tasks, RunningTasks running,
			Duration lease, ExportBucket bucket, ExportMetrics metrics) {
		this.running = running;
		this.metrics = metrics;
		this.bucket = bucket;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.tasks = tasks;
		this.lease = lease;
	}

	/** The task id an execution runs, or null when it is not an export execution. */
	public static String taskIdOf(JobExecution execution) {
		return execution.getJobParameters().getString(ExportLauncher.TASK_ID);
	}

	/**
	 * Puts the task of a failed or stopped execution back to Pending, for its queue message to restart it (on any
	 * node); returns the task id.
	 */
	public String requeue(long executionId, String operator) {
		JobExecution execution = execution(executionId);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new ExecutionConflictException("Execution " + executionId + " is " + execution.getStatus()
					+ "; only a FAILED or STOPPED execution can be restarted.");
		}
		ExportTask task = task(execution);
		if (task.status() == TaskStatus.CANCELLED) {
			throw new ExecutionConflictException("Export " + task.taskId()
					+ " was cancelled; a cancelled export does not resume. Ask its owner to request it again.");
		}
		requireLatest(execution, task, "restarted");
		if (task.status() != TaskStatus.FAILED) {
			throw new ExecutionConflictException("Export " + task.taskId() + " is " + task.status().label()
					+ "; only the latest execution of a Failed export can be restarted.");
		}
		if (!this.tasks.transition(task.taskId(), TaskStatus.FAILED, TaskStatus.PENDING, TaskChange.requeued())) {
			throw new ExecutionConflictException("Export " + task.taskId() + " changed meanwhile; look again.");
		}
		this.tasks.recordEvent(task.taskId(), TaskEventType.RETRY_SCHEDULED,
				"restart of execution " + executionId + " by operator " + operator);
		log.info("Export {}: execution {} to be restarted, by {}", task.taskId(), executionId, operator);
		return task.taskId();
	}

	/**
	 * The execution that followed {@code executionId} for its task, once a node has started it (null if none did
	 * within {@code timeout}: the queue is busy, and the task shows its place in it).
	 */
	public Long awaitNextExecution(String taskId, long executionId, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Long latest = this.tasks.find(taskId).map(ExportTask::jobExecutionId).orElse(null);
			if (latest != null && latest > executionId) {
				return latest;
			}
			try {
				// the task table is the one place every node writes the executions it starts
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	/** Stops a running execution at its next check; its task becomes Cancelled. */
	public void stop(long executionId, String operator) {
		JobExecution execution = execution(executionId);
		if (!RUNNING.contains(execution.getStatus())) {
			throw new ExecutionConflictException("Execution " + executionId + " is " + execution.getStatus()
					+ "; only a running execution can be stopped.");
		}
		ExportTask task = task(execution);
		// through the task record, so it works on whichever node runs the job
		this.tasks.requestCancel(task.taskId(), "operator " + operator);
		log.info("Export {}: execution {} stop requested by {}", task.taskId(), executionId, operator);
	}

	/** Marks a dead execution abandoned; its task becomes Failed and will not resume. */
	public JobExecution abandon(long executionId, String operator) {
		JobExecution execution = execution(executionId);
		ExportTask task = task(execution);
		requireLatest(execution, task, "abandoned");
		if (RUNNING.contains(execution.getStatus())) {
			if (task.status() == TaskStatus.PROCESSING && !this.running.isSilent(task.taskId(), this.lease)) {
				throw new ExecutionConflictException("Execution " + executionId
						+ " is alive (its export reported within the lease); stop it instead.");
			}
			execution = this.jobOperator.recover(execution);
		}
		if (task.status() == TaskStatus.PENDING) {
			throw new ExecutionConflictException("Export " + task.taskId()
					+ " is queued for another attempt; cancel it instead.");
		}
		try {
			execution = this.jobOperator.abandon(execution);
		}
		catch (Exception ex) {
			throw new ExecutionConflictException("Execution " + executionId + " cannot be abandoned: " + ex.getMessage());
		}
		if (task.status() == TaskStatus.PROCESSING && this.running.release(task, new TaskError(ErrorCode.ABANDONED,
				"An operator stopped this export for good. Please request it again."), false,
				"abandoned by operator " + operator)) {
			this.tasks.find(task.taskId()).ifPresent((failed) -> this.metrics.finished(failed, Outcome.FAILED));
		}
		this.tasks.recordEvent(task.taskId(), TaskEventType.STATUS_CHANGED,
				"execution " + executionId + " abandoned by operator " + operator);
		if (this.tasks.find(task.taskId()).map((now) -> now.status().isActive()).orElse(false)) {
			// taken again meanwhile: its new run owns the upload
			log.info("Export {}: execution {} abandoned by {}; the export is active again", task.taskId(), executionId,
					operator);
			return execution;
		}
		// it never resumes: the bucket need not keep its unfinished upload
		try {
			this.bucket.abortUnfinished(this.bucket.folder(task.source(), task.createdAt(), task.taskId()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not abort the unfinished upload of abandoned export {} (the sweep will): {}", task.taskId(),
					ex.getMessage());
		}
		log.info("Export {}: execution {} abandoned by {}", task.taskId(), executionId, operator);
		return execution;
	}

	private JobExecution execution(long executionId) {
		return find(this.jobRepository, executionId);
	}

	/**
	 * The execution with this id.
	 * @throws java.util.NoSuchElementException when there is none
	 */
	public static JobExecution find(JobRepository jobRepository, long executionId) {
		JobExecution execution;
		try {
			execution = jobRepository.getJobExecution(executionId);
		}
		catch (org.springframework.dao.EmptyResultDataAccessException ex) {
			// the JDBC repository throws rather than answering null for an unknown id
			execution = null;
		}
		if (execution == null) {
			throw new java.util.NoSuchElementException("There is no job execution " + executionId + ".");
		}
		return execution;
	}

	private ExportTask task(JobExecution execution) {
		String taskId = taskIdOf(execution);
		if (taskId == null) {
			throw new ExecutionConflictException("Execution " + execution.getId() + " is not an export.");
		}
		return this.tasks.find(taskId)
			.orElseThrow(() -> new ExecutionConflictException("The export of execution " + execution.getId()
					+ " (" + taskId + ") no longer exists."));
	}

	/**
	 * Only the task's latest execution may be restarted or abandoned: an older one's task is held, or was, by a later
	 * run, which an action on the older one must not touch.
	 * @throws ExecutionConflictException naming the latest execution, when this is not it
	 */
	private static void requireLatest(JobExecution execution, ExportTask task, String action) {
		if (task.jobExecutionId() != null && task.jobExecutionId() > execution.getId()) {
			throw new LaterExecutionException(execution.getId(), task.taskId(), task.jobExecutionId(), action);
		}
	}

}
