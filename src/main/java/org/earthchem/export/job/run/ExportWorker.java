package org.earthchem.export.job.run;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.ExportFinished;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Runs the export of a task whose queue message a node received, on this node's worker pool, and says what becomes
 * of the message: deleted once the task is final, back after a back-off for a retry, back after a lease when another
 * node runs it, to the dead-letter queue when attempts are exhausted, to another node when this one stops. A task
 * whose node died is taken over; one that a stopping node handed back is resumed. A Pending task's message only wakes
 * the worker: it starts the oldest export that may start ({@link StartOrder}), first in, first out.
 */
public class ExportWorker {

	private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

	private final TaskStore tasks;

	private final ExportLauncher launcher;

	private final ExecutionEnds ends;

	private final ExportRecovery recovery;

	private final RetryPlan retries;

	private final Duration lease;

	private final NodeStopping stopping;

	private final ApplicationEventPublisher events;

	private final StartOrder order;

	private final AtomicInteger running = new AtomicInteger();

	public ExportWorker(TaskStore tasks, ExportLauncher launcher, ExecutionEnds ends, ExportRecovery recovery,
			RetryPlan retries, Duration lease, NodeStopping stopping, ApplicationEventPublisher events, StartOrder order) {
		this.events = events;
		this.order = order;
		this.stopping = stopping;
		this.tasks = tasks;
		this.launcher = launcher;
		this.ends = ends;
		this.recovery = recovery;
		this.retries = retries;
		this.lease = lease;
	}

	/**
	 * From now on this node starts no export, and its running ones stop at their next chunk and are handed back to
	 * the queue (on SIGTERM, before the queue listener stops).
	 */
	public void stopTaking() {
		this.stopping.begin();
	}

	/** Whether this node is stopping (and hands back whatever it receives). */
	public boolean isStopping() {
		return this.stopping.isStopping();
	}

	/**
	 * At start, when the queue is this process's own and began empty (the in-process queue of {@code make run}): an
	 * export left Processing was run by this process before it died, and is taken over at once.
	 * @return the task, Pending again, when this call took it over
	 */
	public java.util.Optional<ExportTask> takeOverAbandoned(ExportTask task) {
		return this.recovery.takeOver(task) ? this.tasks.find(task.taskId()) : java.util.Optional.empty();
	}

	/** Runs the task's export to its end (or not at all), blocking the calling thread meanwhile. */
	public RunOutcome run(String taskId) {
		ExportTask task = this.tasks.find(taskId).orElse(null);
		if (task == null) {
			log.warn("A queue message names task {}, which does not exist; dropping it", taskId);
			return RunOutcome.done();
		}
		if (this.stopping.isStopping() && task.status().isActive()) {
			// received while this node stops: another node runs it
			return RunOutcome.handBack();
		}
		if (task.status() == TaskStatus.PROCESSING && task.node() == null) {
			// handed back by a stopping node: its stopped execution resumes here
			return outcome(runToEnd(task));
		}
		if (task.status() == TaskStatus.PROCESSING) {
			if (!this.recovery.isSilent(task)) {
				// its run is alive: this message is a duplicate, or the node's own whose visibility lapsed
				return RunOutcome.later(this.lease);
			}
			this.recovery.takeOver(task);
			task = this.tasks.find(taskId).orElseThrow();
		}
		if (task.status() == TaskStatus.PENDING) {
			return startNext(task);
		}
		if (!noticed(task)) {
			// final before this receive, its mail claimed by a node that has not sent it yet (or died sending it)
			return RunOutcome.later(this.lease);
		}
		return outcome(task);
	}

	/**
	 * A Pending task's message woke this worker: it starts the oldest export that may start now, which is the
	 * message's own task only when none accepted before it waits.
	 */
	private RunOutcome startNext(ExportTask woken) {
		java.util.Optional<Duration> outage = this.order.outage();
		if (outage.isPresent()) {
			// the search cluster does not answer: this node starts nothing until it does
			log.debug("Export {} waits: the search cluster does not answer", woken.taskId());
			return RunOutcome.later(outage.get());
		}
		ExportTask next = this.order.claimNext().orElse(null);
		if (next == null) {
			// every export that may start is being started by another worker, or waits out its retry's back-off
			return RunOutcome.later(this.order.waitFor(woken, this.tasks.now()));
		}
		if (!next.taskId().equals(woken.taskId())) {
			return RunOutcome.first(next);
		}
		return outcome(runToEnd(next));
	}

	/**
	 * Runs an export this worker claimed instead of its message's task ({@link RunOutcome.Kind#FIRST}), blocking the
	 * calling thread meanwhile; what becomes of the export afterwards is its own message's business, but for a hand-back.
	 */
	public RunOutcome runClaimed(ExportTask claimed) {
		if (this.stopping.isStopping()) {
			this.order.giveUp(claimed);
			return RunOutcome.done();
		}
		return outcome(runToEnd(claimed));
	}

	/** Has the owner of a final task told (again, if its mail may be lost with the node that ended it). */
	private boolean noticed(ExportTask task) {
		ExportFinished finished = new ExportFinished(task);
		this.events.publishEvent(finished);
		return finished.awaitHandled();
	}

	/**
	 * Asks this node's run of the task to stop and write nothing more: its queue message could not be kept hidden, so
	 * another node may take the export. Only records the request, which the run checks ({@link #releaseRequested}).
	 */
	public void release(String taskId) {
		this.stopping.release(taskId);
	}

	/** Whether this node's run of the task was asked to stop ({@link #release}). */
	public boolean releaseRequested(String taskId) {
		return this.stopping.letsGo(taskId) && !this.stopping.isStopping();
	}

	/** Exports this node runs now. */
	public int running() {
		return this.running.get();
	}

	private ExportTask runToEnd(ExportTask task) {
		this.stopping.forget(task.taskId());
		String launch = UUID.randomUUID().toString();
		CompletableFuture<Void> end = this.ends.expect(launch);
		this.running.incrementAndGet();
		try {
			this.launcher.launch(task.taskId(), launch);
			end.get();
		}
		catch (RuntimeException ex) {
			this.ends.forget(launch);
			this.order.giveUp(task);
			log.error("Export {} could not be started", task.taskId(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// the future is only ever completed normally
			throw new IllegalStateException(ex);
		}
		finally {
			this.running.decrementAndGet();
		}
		return this.tasks.find(task.taskId()).orElse(task);
	}

	private RunOutcome outcome(ExportTask task) {
		if (this.stopping.isStopping() && task.status().isActive()) {
			return RunOutcome.handBack();
		}
		return switch (task.status()) {
			case PENDING -> RunOutcome.retry(this.retries.backoff(task.attempts()));
			case PROCESSING -> (task.node() == null) ? RunOutcome.handBack() : RunOutcome.later(this.lease);
			case FAILED -> this.retries.exhausted(task) ? RunOutcome.deadLetter() : RunOutcome.done();
			case SUCCEEDED, CANCELLED -> RunOutcome.done();
		};
	}

}
