package org.earthchem.export.job.run;

import java.time.Duration;

import org.earthchem.export.task.ExportTask;

/**
 * What becomes of a task's queue message once a worker is done with it.
 *
 * @param kind {@link Kind}
 * @param delay when the message comes back, for {@link Kind#RETRY} and {@link Kind#LATER}
 * @param first the export this worker claimed to start instead of the message's, for {@link Kind#FIRST}
 */
public record RunOutcome(Kind kind, Duration delay, ExportTask first) {

	public enum Kind {

		/** The task reached a final status (or needs nothing): the message is deleted. */
		DONE,

		/** Another attempt after a back-off: the message comes back then. */
		RETRY,

		/** Another node runs the task: the message comes back after a lease to check again. */
		LATER,

		/** Attempts are exhausted: the message goes to the dead-letter queue for an operator. */
		DEAD_LETTER,

		/**
		 * This node is stopping: the task is Pending again (resumable from its last uploaded part) and another node
		 * should take it at once, without the hand-back counting as a receive toward the dead-letter queue.
		 */
		HAND_BACK,

		/**
		 * The message's task is Pending, but an export accepted before it may start now and this worker claimed it
		 * ({@link #first}): the message goes back to the queue at once, for the next free worker, and this worker
		 * starts the claimed export ({@link ExportWorker#runClaimed}).
		 */
		FIRST

	}

	static RunOutcome done() {
		return new RunOutcome(Kind.DONE, Duration.ZERO, null);
	}

	static RunOutcome retry(Duration delay) {
		return new RunOutcome(Kind.RETRY, delay, null);
	}

	static RunOutcome later(Duration delay) {
		return new RunOutcome(Kind.LATER, delay, null);
	}

	static RunOutcome handBack() {
		return new RunOutcome(Kind.HAND_BACK, Duration.ZERO, null);
	}

	static RunOutcome first(ExportTask claimed) {
		return new RunOutcome(Kind.FIRST, Duration.ZERO, claimed);
	}

	static RunOutcome deadLetter() {
		return new RunOutcome(Kind.DEAD_LETTER, Duration.ZERO, null);
	}

}
