package org.earthchem.export.job;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.metrics.ExportMetrics.Outcome;
import org.earthchem.export.notify.Notifier;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Mirrors a job execution into its task: Processing when it starts, then Succeeded, Failed or Cancelled. Closes
 * the point-in-time whatever the outcome, and puts the task id in the log context of everything the job does.
 */
class TaskStatusListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(TaskStatusListener.class);

	private final TaskStore tasks;

	private final SearchCluster cluster;

	private final ExportBucket bucket;

	private final DownloadLinks links;

	private final Notifier notifier;

	/** Sends mails off the worker threads: a slow or absent mail server never holds up the next export. */
	private final java.util.concurrent.Executor mailSender;

	private final RetryPlan retries;

	private final Heartbeats heartbeats;

	private final NodeId node;

	private final ExecutionEnds ends;

	private final NodeStopping stopping;

	private final ExportMetrics metrics;

	/** Executions that took their task from Pending to Processing; only those may finish it. */
	private final Set<Long> owning = ConcurrentHashMap.newKeySet();

	TaskStatusListener(TaskStore tasks, SearchCluster cluster, ExportBucket bucket,
			DownloadLinks links, RetryPlan retries, Heartbeats heartbeats, Notifier notifier,
			java.util.concurrent.Executor mailSender, NodeId node, ExecutionEnds ends, NodeStopping stopping,
			ExportMetrics metrics) {
		this.metrics = metrics;
		this.node = node;
		this.stopping = stopping;
		this.ends = ends;
		this.bucket = bucket;
		this.links = links;
		this.notifier = notifier;
		this.mailSender = mailSender;
		this.heartbeats = heartbeats;
		this.tasks = tasks;
		this.cluster = cluster;
		this.retries = retries;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		String taskId = taskId(execution);
		MDC.put("taskId", taskId);
		ExportTask task = this.tasks.find(taskId).orElse(null);
		boolean started = task != null && (this.tasks.transition(taskId, TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(this.tasks.now(), execution.getId(), task.attempts() + 1, this.node.value()))
				// or handed back by a stopping node: the same attempt goes on here
				|| task.status() == TaskStatus.PROCESSING && task.node() == null
						&& this.tasks.takeHandedBack(taskId, execution.getId(), this.node.value()));
		if (started) {
			this.metrics.started(task, this.tasks.now());
			this.owning.add(execution.getId());
			this.heartbeats.start(taskId);
		}
		else {
			// cancelled (or gone) before it could start: the job must not run
			log.info("Export {} is no longer pending ({}); its job stops before the first step", taskId,
					task == null ? "missing" : task.status().label());
			execution.setStatus(BatchStatus.STOPPING);
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		String taskId = taskId(execution);
		try {
			finish(taskId, execution);
		}
		finally {
			// the worker holding the task's queue message learns that the job is over
			this.ends.ended(taskId);
		}
	}

	private void finish(String taskId, JobExecution execution) {
		if (!this.owning.remove(execution.getId())) {
			// this execution never took the task (it was cancelled, or another execution runs it): hands off
			log.info("Export {}: job execution {} ended without having run the task", taskId, execution.getId());
			MDC.remove("taskId");
			return;
		}
		this.heartbeats.stop(taskId);
		try {
			closePointInTime(execution.getExecutionContext());
			BatchStatus status = execution.getStatus();
			if (status == BatchStatus.COMPLETED) {
				succeed(taskId, execution.getExecutionContext());
			}
			else if ((status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) && this.stopping.isStopping()
					&& this.tasks.handBack(taskId, this.node.value(), "handed back by " + this.node.value()
							+ ", which is stopping; another node resumes it from its last uploaded part")) {
				// the upload and the checkpoint stay for the node that takes it
				log.info("Export {} handed back: this node is stopping", taskId);
			}
			else if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
				// nothing is left behind by the time the task reads Cancelled
				removeEverything(taskId);
				if (this.tasks.transition(taskId, TaskStatus.PROCESSING, TaskStatus.CANCELLED,
						TaskChange.cancelled(this.tasks.now()))) {
					this.tasks.find(taskId).ifPresent((task) -> this.metrics.finished(task, Outcome.CANCELLED));
				}
			}
			else {
				fail(taskId, execution);
			}
		}
		finally {
			MDC.remove("taskId");
		}
	}

	private void succeed(String taskId, ExecutionContext context) {
		List<ExportFile> files = ExportFiles.decode(context.getString(ExportFileWriter.FILES)).stream()
			.map(this.links::withLink)
			.toList();
		long rows = files.stream().mapToLong(ExportFile::rows).sum();
		if (this.tasks.transition(taskId, TaskStatus.PROCESSING, TaskStatus.SUCCEEDED,
				TaskChange.succeeded(this.tasks.now(), files, new Progress(rows, rows)))) {
			this.links.recordIssued(taskId, files);
			log.info("Export {} succeeded: {} rows in {} file(s)", taskId, rows, files.size());
			this.tasks.find(taskId).ifPresent((task) -> {
				this.metrics.finished(task, Outcome.SUCCEEDED);
				// an upload begun by an execution that died before its first checkpoint
				abortUploads(task);
				this.mailSender.execute(() -> this.notifier.exportSucceeded(task));
			});
		}
	}

	/** A cancelled export leaves nothing behind: no object, no unfinished upload. */
	private void removeEverything(String taskId) {
		this.tasks.find(taskId).ifPresent((task) -> {
			try {
				this.bucket.deleteAll(this.bucket.folder(task.source(), task.createdAt(), taskId));
			}
			catch (RuntimeException ex) {
				// unfinished uploads are swept later; stored objects of a cancelled task are never linked
				log.warn("Could not remove the stored files of cancelled export {}: {}", taskId, ex.getMessage());
			}
		});
	}

	private void fail(String taskId, JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		TaskError error = ExportFailures.classify(failures, taskId);
		for (Throwable failure : failures) {
			log.error("Export {} failed ({})", taskId, error.code(), failure);
		}
		// unless it fails for good, the upload stays: a restart resumes after its last uploaded part
		if (this.tasks.transition(taskId, TaskStatus.PROCESSING, TaskStatus.FAILED,
				TaskChange.failed(this.tasks.now(), error))) {
			ExportTask failed = this.tasks.find(taskId).orElse(null);
			boolean retrying = failed != null && ExportFailures.isTransient(error) && this.retries.consider(failed, error);
			if (failed != null && !retrying) {
				this.metrics.finished(failed, Outcome.FAILED);
				abortUploads(failed);
				this.mailSender.execute(() -> this.notifier.exportFailed(failed));
			}
		}
	}

	private void abortUploads(ExportTask task) {
		try {
			this.bucket.abortUnfinished(this.bucket.folder(task.source(), task.createdAt(), task.taskId()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not abort unfinished uploads of export {} (the sweep will): {}", task.taskId(),
					ex.getMessage());
		}
	}

	private void closePointInTime(ExecutionContext context) {
		if (!ExportPlan.isIn(context)) {
			return;
		}
		String pitId = ExportPlan.pitId(context);
		try {
			this.cluster.closePointInTime(pitId);
		}
		catch (RuntimeException ex) {
			// it expires on its own after the keep-alive
			log.warn("Could not close point-in-time (it expires on its own): {}", ex.getMessage());
		}
	}

	private static String taskId(JobExecution execution) {
		return execution.getJobParameters().getString(ExportLauncher.TASK_ID);
	}

}
