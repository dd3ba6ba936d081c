package org.earthchem.export.job.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.QueueClaims;

/**
 * Which export a worker woken by a queue message starts: not the message's own, but the oldest Pending export of the
 * task table that may start now (first in, first out across every node; a retry waits out its back-off), claimed for
 * this node's worker so that no other worker starts it too.
 */
public class StartOrder {

	/** How soon a message comes back when nothing may start now (another worker's claim is turning into a start). */
	private static final Duration LOOK_AGAIN = Duration.ofSeconds(2);

	private final QueueClaims claims;

	private final NodeId node;

	/** How soon a message comes back while the search cluster does not answer: no export starts meanwhile. */
	private static final Duration OUTAGE_LOOK_AGAIN = Duration.ofSeconds(5);

	private final Duration claimFor;

	private final BooleanSupplier searchAnswers;

	/**
	 * @param claimFor how long a claim keeps other workers off its task while this node starts its job: a claim of a
	 * node that died before the start lapses after it
	 * @param searchAnswers whether the search cluster answers now (its health, as last checked): while it does not,
	 * this node starts no export (the running ones wait for it)
	 */
	public StartOrder(QueueClaims claims, NodeId node, Duration claimFor, BooleanSupplier searchAnswers) {
		this.claims = claims;
		this.node = node;
		this.claimFor = claimFor;
		this.searchAnswers = searchAnswers;
	}

	/**
	 * When a woken worker may not start any export now because the search cluster does not answer: how soon its message
	 * comes back; empty when it may start one.
	 */
	java.util.Optional<Duration> outage() {
		return this.searchAnswers.getAsBoolean() ? java.util.Optional.empty() : java.util.Optional.of(OUTAGE_LOOK_AGAIN);
	}

	/** Claims the oldest export that may start now, for this worker. */
	Optional<ExportTask> claimNext() {
		return this.claims.claimOldest(claimant(), this.claimFor);
	}

	/** Gives up this worker's claim of a task whose job could not be started: the next worker claims it at once. */
	void giveUp(ExportTask task) {
		this.claims.release(task.taskId(), claimant());
	}

	/**
	 * When a Pending task's message should come back when no export may start now: once its retry's back-off ends, or
	 * soon.
	 */
	Duration waitFor(ExportTask task, Instant now) {
		return this.claims.notBefore(task.taskId())
			.map((at) -> Duration.between(now, at).plusSeconds(1))
			.filter((wait) -> wait.compareTo(LOOK_AGAIN) > 0)
			.orElse(LOOK_AGAIN);
	}

	private String claimant() {
		return this.node.value() + "/" + Thread.currentThread().getName();
	}

}
