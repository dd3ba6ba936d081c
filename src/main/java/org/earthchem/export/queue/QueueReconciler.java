package org.earthchem.export.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.ExportWorker;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;

/**
 * Sends the messages that were never sent: a node that died between recording a task and sending its message leaves
 * it Pending without one, and the next pass (on any node) queues it. With {@code export.queue.resend-at-start} (the
 * in-process queue of {@code make run}, which lives in memory and dies with the service) every active task is queued
 * again at start: a Pending one as it is, a Processing one, whose run died with the process, taken over first.
 */
class QueueReconciler {

	private static final Logger log = LoggerFactory.getLogger(QueueReconciler.class);

	private final TaskStore tasks;

	private final TaskQueue queued;

	private final ExportQueue queue;

	private final ExportWorker worker;

	private final Duration grace;

	/**
	 * @param grace how old an unqueued task must be before it is sent: younger ones may still be on their way
	 */
	QueueReconciler(TaskStore tasks, TaskQueue queued, ExportQueue queue, ExportWorker worker, Duration grace) {
		this.tasks = tasks;
		this.queued = queued;
		this.queue = queue;
		this.worker = worker;
		this.grace = grace;
	}

	/** Queues the Pending tasks never queued. */
	void sendUnqueued() {
		try {
			send(this.queued.pendingNotQueued(this.tasks.now().minus(this.grace)));
		}
		catch (RuntimeException ex) {
			log.warn("The queue reconciler failed; it runs again later: {}", ex.getMessage());
		}
	}

	/** At start, for a queue that began empty: every active task is queued again. */
	void resendActive() {
		try {
			List<ExportTask> takenOver = new ArrayList<>();
			for (ExportTask task : this.queued.processingOldestFirst()) {
				// Pending again at once; the index of Pending tasks may not show it yet
				this.worker.takeOverAbandoned(task).ifPresent(takenOver::add);
			}
			send(takenOver);
			send(this.queued.pendingOldestFirst().stream()
				.filter((task) -> takenOver.stream().noneMatch((taken) -> taken.taskId().equals(task.taskId())))
				.toList());
		}
		catch (RuntimeException ex) {
			log.error("Exports of the previous run could not be queued again", ex);
		}
	}

	private void send(Iterable<ExportTask> pending) {
		for (ExportTask task : pending) {
			if (task.status() != TaskStatus.PENDING) {
				continue;
			}
			try {
				this.queue.enqueue(task);
				log.info("Export {} queued by the reconciler", task.taskId());
			}
			catch (QueueUnavailableException ex) {
				// the next pass tries again
				return;
			}
		}
	}

}
