package org.earthchem.export.job.run;

import java.time.Duration;

/**
 * What becomes of a task's queue message once a worker is done with it.
 *
 * @param kind {@link Kind}
 * @param delay when the message comes back, for {@link Kind#RETRY} and {@link Kind#LATER}
 */
public record RunOutcome(Kind kind, Duration delay) {

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
		HAND_BACK

	}

	static RunOutcome done() {
		return new RunOutcome(Kind.DONE, Duration.ZERO);
	}

	static RunOutcome retry(Duration delay) {
		return new RunOutcome(Kind.RETRY, delay);
	}

	static RunOutcome later(Duration delay) {
		return new RunOutcome(Kind.LATER, delay);
	}

	static RunOutcome handBack() {
		return new RunOutcome(Kind.HAND_BACK, Duration.ZERO);
	}

	static RunOutcome deadLetter() {
		return new RunOutcome(Kind.DEAD_LETTER, Duration.ZERO);
	}

}
