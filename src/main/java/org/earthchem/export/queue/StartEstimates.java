package org.earthchem.export.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;

/**
 * When a Pending export is expected to start: its place in the queue, the time left of the exports running now, and
 * the median duration of recent ones. The exports ahead take the running exports' slots as they free up (at least
 * {@code export.workers} slots; more when more exports run, on several nodes), each for the median duration.
 * What it reads is kept a second, so that a list of waiting tasks does not query the task table for each.
 */
public class StartEstimates {

	private static final Duration FRESH_FOR = Duration.ofSeconds(1);

	private static final int RECENT = 20;

	private final PendingTasks tasks;

	private final int workers;

	private final Clock clock;

	private volatile Snapshot snapshot;

	StartEstimates(PendingTasks tasks, int workers, Clock clock) {
		this.tasks = tasks;
		this.workers = workers;
		this.clock = clock;
	}

	/** Seconds until the Pending task at {@code position} (1 = next) starts; null when unknown. */
	public Double secondsUntilStart(int position) {
		Snapshot now = current();
		List<Double> timesLeft = new ArrayList<>();
		for (ExportTask running : now.running()) {
			Double left = timeLeft(running, now);
			if (left == null) {
				return null;
			}
			timesLeft.add(left);
		}
		return secondsUntilStart(position, timesLeft, this.workers, now.medianSeconds());
	}

	/**
	 * The start of the export at {@code position} when the running ones end after {@code timesLeft} seconds, at
	 * least {@code workers} run at once, and each export ahead takes {@code medianSeconds} (null: unknown).
	 */
	static Double secondsUntilStart(int position, List<Double> timesLeft, int workers, Double medianSeconds) {
		PriorityQueue<Double> slots = new PriorityQueue<>(timesLeft);
		while (slots.size() < workers) {
			slots.add(0.0);
		}
		for (int ahead = 1; ahead < position; ahead++) {
			if (medianSeconds == null) {
				return null;
			}
			slots.add(slots.poll() + medianSeconds);
		}
		return Math.round(10.0 * slots.poll()) / 10.0;
	}

	private Double timeLeft(ExportTask running, Snapshot now) {
		Double eta = running.progress().etaSeconds();
		if (eta != null) {
			return eta;
		}
		if (now.medianSeconds() == null || running.startedAt() == null) {
			return null;
		}
		double elapsed = Duration.between(running.startedAt(), this.clock.instant()).toMillis() / 1000.0;
		return Math.max(0, now.medianSeconds() - elapsed);
	}

	private Snapshot current() {
		Snapshot known = this.snapshot;
		long nanos = System.nanoTime();
		if (known != null && nanos - known.takenAt() < FRESH_FOR.toNanos()) {
			return known;
		}
		Snapshot fresh = new Snapshot(nanos, this.tasks.processingOldestFirst(), median(this.tasks.recentlySucceeded(RECENT)));
		this.snapshot = fresh;
		return fresh;
	}

	private static Double median(List<ExportTask> succeeded) {
		List<Double> seconds = new ArrayList<>();
		for (ExportTask task : succeeded) {
			if (task.startedAt() != null && task.finishedAt() != null) {
				seconds.add(Duration.between(task.startedAt(), task.finishedAt()).toMillis() / 1000.0);
			}
		}
		if (seconds.isEmpty()) {
			return null;
		}
		seconds.sort(Double::compare);
		int middle = seconds.size() / 2;
		return (seconds.size() % 2 == 1) ? seconds.get(middle) : (seconds.get(middle - 1) + seconds.get(middle)) / 2;
	}

	private record Snapshot(long takenAt, List<ExportTask> running, Double medianSeconds) {
	}

}
