package org.earthchem.export.job;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.earthchem.export.job.run.ExportFailures;
import org.earthchem.export.job.run.ExportLauncher;
import org.earthchem.export.job.run.ExportRuns;
import org.earthchem.export.job.run.NodeStopping;
import org.earthchem.export.job.run.RunEnvironment;
import org.earthchem.export.job.upload.ExportFileWriter;
import org.earthchem.export.job.upload.FileListCodec;
import org.earthchem.export.metrics.ExportMetrics.Outcome;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.RunFencedException;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskRun;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Mirrors a job execution into its task: the execution takes the task (Processing, with the execution's id as the
 * run's fencing token), and its end makes it Succeeded, Failed or Cancelled, Pending again for a retry, or handed back
 * — each through the run's fenced writes. A run that learns it lost its task stops there: no status, no abort, no
 * mail. Closes the point-in-time whatever the outcome, and puts the task id in the log context of the job.
 */
class TaskStatusListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(TaskStatusListener.class);

	private final TaskStore tasks;

	private final RunningTasks running;

	private final ExportRuns runs;

	private final RunEnvironment environment;

	private final ApplicationEventPublisher events;

	TaskStatusListener(TaskStore tasks, RunningTasks running, ExportRuns runs, RunEnvironment environment,
			ApplicationEventPublisher events) {
		this.tasks = tasks;
		this.running = running;
		this.runs = runs;
		this.environment = environment;
		this.events = events;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		String taskId = taskId(execution);
		MDC.put("taskId", taskId);
		ExportTask task = this.tasks.find(taskId).orElse(null);
		Optional<TaskRun> run = Optional.empty();
		String node = this.environment.node().value();
		if (task != null && task.status() == TaskStatus.PENDING) {
			run = this.running.takePending(taskId, execution.getId(), task.attempts() + 1, node);
		}
		else if (task != null && task.status() == TaskStatus.PROCESSING && task.node() == null) {
			// handed back by a stopping node: the same attempt goes on here
			run = this.running.takeHandedBack(taskId, execution.getId(), node);
		}
		if (run.isPresent()) {
			this.runs.started(run.get());
			this.environment.metrics().started(task, this.tasks.now());
			this.environment.heartbeats().start(run.get());
		}
		else {
			// cancelled, gone, or taken by another node before it could start: the job must not run
			log.info("Export {} is not this execution's to run ({}); its job stops before the first step", taskId,
					task == null ? "missing" : task.status().label());
			execution.setStatus(BatchStatus.STOPPING);
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		String launch = execution.getJobParameters().getString(ExportLauncher.LAUNCH);
		CompletableFuture<Void> mail = null;
		try {
			mail = finish(taskId(execution), execution);
		}
		finally {
			MDC.remove("taskId");
			// the worker holding the task's queue message learns that the job is over, once its mail is handled
			((mail != null) ? mail : done()).whenComplete((ok, failure) -> this.environment.ends().ended(launch));
		}
	}

	private CompletableFuture<Void> finish(String taskId, JobExecution execution) {
		TaskRun run = this.runs.of(execution.getId()).orElse(null);
		if (run == null) {
			log.info("Export {}: job execution {} ended without having run the task", taskId, execution.getId());
			return done();
		}
		this.environment.heartbeats().stop(run);
		try {
			closePointInTime(execution.getExecutionContext());
			Optional<RunFencedException> fence = this.runs.fence(run.token())
				.or(() -> execution.getAllFailureExceptions().stream().flatMap((f) -> RunFencedException.in(f).stream()).findFirst());
			if (fence.isPresent()) {
				fenced(fence.get());
				return done();
			}
			return end(run, execution);
		}
		catch (RunFencedException ex) {
			fenced(ex);
			return done();
		}
		finally {
			this.runs.ended(run.token());
		}
	}

	private CompletableFuture<Void> end(TaskRun run, JobExecution execution) {
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return succeed(run, execution.getExecutionContext());
		}
		boolean stopped = status == BatchStatus.STOPPED || status == BatchStatus.STOPPING;
		NodeStopping stopping = this.environment.stopping();
		if (stopped && stopping.letsGo(run.taskId()) && run.handBack("handed back by " + this.environment.node().value()
				+ (stopping.isStopping() ? ", which is stopping" : ", which could not keep its queue message")
				+ "; another node resumes it from its last uploaded part")) {
			// the upload and the checkpoint stay for the node that takes it
			log.info("Export {} handed back: {}", run.taskId(),
					stopping.isStopping() ? "this node is stopping" : "its queue message could not be kept");
			return done();
		}
		if (stopped || this.tasks.isCancelRequested(run.taskId())) {
			cancel(run);
			return done();
		}
		return fail(run, execution);
	}

	private CompletableFuture<Void> succeed(TaskRun run, ExecutionContext context) {
		List<ExportFile> files = FileListCodec.decode(context.getString(ExportFileWriter.FILES)).stream()
			.map(this.environment.links()::withLink)
			.toList();
		long rows = files.stream().mapToLong(ExportFile::rows).sum();
		if (!run.finish(TaskStatus.SUCCEEDED, TaskChange.succeeded(this.tasks.now(), files, new Progress(rows, rows)))) {
			return done();
		}
		this.environment.links().recordIssued(run.taskId(), files);
		log.info("Export {} succeeded: {} rows in {} file(s)", run.taskId(), rows, files.size());
		ExportTask task = this.tasks.find(run.taskId()).orElseThrow();
		this.environment.metrics().finished(task, Outcome.SUCCEEDED);
		// the task is final, so no run holds it: an upload begun by a run that lost it goes
		abortUploads(task);
		return finished(task);
	}

	/** A cancelled export leaves nothing behind: no object, no unfinished upload, by the time it reads Cancelled. */
	private void cancel(TaskRun run) {
		// the bucket is touched only while the run still holds its task
		run.heartbeat();
		ExportTask task = this.tasks.find(run.taskId()).orElseThrow();
		ExportBucket bucket = this.environment.bucket();
		try {
			bucket.deleteAll(bucket.folder(task.source(), task.createdAt(), task.taskId()));
		}
		catch (RuntimeException ex) {
			// unfinished uploads are swept later; stored objects of a cancelled task are never linked
			log.warn("Could not remove the stored files of cancelled export {}: {}", task.taskId(), ex.getMessage());
		}
		if (run.finish(TaskStatus.CANCELLED, TaskChange.cancelled(this.tasks.now()))) {
			this.tasks.find(task.taskId()).ifPresent((t) -> this.environment.metrics().finished(t, Outcome.CANCELLED));
		}
	}

	private CompletableFuture<Void> fail(TaskRun run, JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		TaskError error = ExportFailures.classify(failures, run.taskId());
		for (Throwable failure : failures) {
			log.error("Export {} failed ({})", run.taskId(), error.code(), failure);
		}
		ExportTask task = this.tasks.find(run.taskId()).orElseThrow();
		// unless it fails for good, the upload stays: the next attempt resumes after its last uploaded part
		if (ExportFailures.mayRetry(error, failures) && this.environment.retries().retry(run, task, error)) {
			return done();
		}
		if (!run.finish(TaskStatus.FAILED, TaskChange.failed(this.tasks.now(), ExportFailures.forGood(error, run.taskId())))) {
			return done();
		}
		ExportTask failed = this.tasks.find(run.taskId()).orElseThrow();
		this.environment.metrics().finished(failed, Outcome.FAILED);
		abortUploads(failed);
		return finished(failed);
	}

	/** The run lost its task to another: it stops here, and says so once. */
	private void fenced(RunFencedException fence) {
		log.warn("Export {}: run {} was fenced, the task is now held by {}; it stops without another write",
				fence.taskId(), fence.token(), (fence.current() == null) ? "no run" : "run " + fence.current());
		this.environment.metrics().fenced();
	}

	private void abortUploads(ExportTask task) {
		ExportBucket bucket = this.environment.bucket();
		try {
			bucket.abortUnfinished(bucket.folder(task.source(), task.createdAt(), task.taskId()));
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
		try {
			this.environment.cluster().closePointInTime(ExportPlan.pitId(context));
		}
		catch (RuntimeException ex) {
			// it expires on its own after the keep-alive
			log.warn("Could not close point-in-time (it expires on its own): {}", ex.getMessage());
		}
	}

	/** Tells the owner: the run's end waits until the notice is handled, so its queue message outlives the mail. */
	private CompletableFuture<Void> finished(ExportTask task) {
		ExportFinished finished = new ExportFinished(task);
		this.events.publishEvent(finished);
		return finished.handled().thenApply((handled) -> null);
	}

	private static CompletableFuture<Void> done() {
		return CompletableFuture.completedFuture(null);
	}

	private static String taskId(JobExecution execution) {
		return execution.getJobParameters().getString(ExportLauncher.TASK_ID);
	}

}
