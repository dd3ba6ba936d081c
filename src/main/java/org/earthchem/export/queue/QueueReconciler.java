package org.earthchem.export.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.run.ExportWorker;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;

/**
 * Sends the messages that were never sent: a node that died between recording a task and sending its message leaves
 * it Pending without one, and the next pass (on any node) queues it. It also sends again the message of a Pending task
 * not seen for {@code export.queue.lost-after}: moved to the dead-letter queue by the redrive policy's safety net, or
 * expired, it would otherwise wait for ever (a duplicate message does no harm: the second receive finds the task taken
 * or final). With {@code export.queue.resend-at-start} (the queue of {@code make run}, which lives in the memory of its
 * launcher and dies with it) every active task is queued again at start: a Pending one as it is, a Processing one,
 * whose run died with the last run, taken over first.
 */
class QueueReconciler {

	private static final Logger log = LoggerFactory.getLogger(QueueReconciler.class);

	private final TaskStore tasks;

	private final PendingTasks queued;

	private final ExportQueue queue;

	private final ExportWorker worker;

	private final Duration grace;

	private final Duration lostAfter;

	/**
	 * @param grace how old an unqueued task must be before it is sent: younger ones may still be on their way
	 * @param lostAfter how long a Pending task's message may go unseen before it is taken as lost
	 */
	QueueReconciler(TaskStore tasks, PendingTasks queued, ExportQueue queue, ExportWorker worker, Duration grace,
			Duration lostAfter) {
		this.tasks = tasks;
		this.queued = queued;
		this.queue = queue;
		this.worker = worker;
		this.grace = grace;
		this.lostAfter = lostAfter;
	}

	/** Queues the Pending tasks never queued, and those whose message is lost. */
	void sendUnqueued() {
		try {
			Instant now = this.tasks.now();
			if (send(this.queued.pendingNotQueued(now.minus(this.grace)))) {
				sendAgain(this.queued.pendingSeenBefore(now.minus(this.lostAfter)));
			}
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

	/** @return whether the queue could be reached for every task */
	private boolean send(Iterable<ExportTask> pending) {
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
				return false;
			}
		}
		return true;
	}

	private void sendAgain(Iterable<ExportTask> lost) {
		for (ExportTask task : lost) {
			try {
				this.queue.resend(task);
				log.warn("Export {} is Pending and its queue message was not seen for {}; taken as lost, it is sent "
						+ "again", task.taskId(), this.lostAfter);
			}
			catch (QueueUnavailableException ex) {
				return;
			}
		}
	}

}
