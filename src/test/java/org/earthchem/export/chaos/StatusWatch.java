package org.earthchem.export.chaos;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * Polls every task about once a second from outside, all along, as a client would, and keeps each change it saw:
 * a client that read a final status may stop polling, so a final status followed by any other is a broken promise.
 */
final class StatusWatch implements AutoCloseable {

	static final Set<String> FINAL = Set.of("Succeeded", "Failed", "Cancelled");

	private final ChaosApi api;

	private final List<String> taskIds = new CopyOnWriteArrayList<>();

	private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();

	private final Map<String, Instant> newestRead = new ConcurrentHashMap<>();

	private final AtomicLong polls = new AtomicLong();

	private final AtomicLong unanswered = new AtomicLong();

	private final Thread poller;

	private volatile boolean running = true;

	StatusWatch(ChaosApi api) {
		this.api = api;
		this.poller = new Thread(this::pollEverySecond, "status-watch");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	void watch(String taskId) {
		this.seen.putIfAbsent(taskId, new CopyOnWriteArrayList<>());
		this.taskIds.add(taskId);
	}

	/** Every change of status, node or attempts seen for the task, in order. */
	List<Seen> history(String taskId) {
		return List.copyOf(this.seen.getOrDefault(taskId, List.of()));
	}

	/** The task as last read. */
	JsonNode latest(String taskId) {
		return this.latest.get(taskId);
	}

	boolean allFinal() {
		return this.taskIds.stream().allMatch((id) -> {
			JsonNode task = this.latest.get(id);
			return task != null && FINAL.contains(task.path("status").asString());
		});
	}

	/** Waits until every task was last read final, or the time is up; returns whether they all were. */
	boolean awaitAllFinal(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!allFinal() && System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
		return allFinal();
	}

	/** The statuses seen after a final one that was seen before, per task (empty: promise kept). */
	List<String> finalThenChanged(String taskId) {
		List<String> broken = new ArrayList<>();
		String finalSeen = null;
		for (Seen s : history(taskId)) {
			if (finalSeen != null && !s.status().equals(finalSeen)) {
				broken.add(finalSeen + " then " + s.status() + " at " + s.at());
			}
			finalSeen = FINAL.contains(s.status()) ? s.status() : finalSeen;
		}
		return broken;
	}

	long polls() {
		return this.polls.get();
	}

	long unanswered() {
		return this.unanswered.get();
	}

	private void pollEverySecond() {
		while (this.running) {
			long round = System.nanoTime();
			List<CompletableFuture<Void>> answers = new ArrayList<>();
			for (String taskId : this.taskIds) {
				Instant sent = Instant.now();
				answers.add(this.api.getAsync("/api/v1/exports/" + taskId, ChaosApi.OPERATOR_KEY)
					.handle((response, failure) -> {
						record(taskId, sent, response);
						return null;
					}));
			}
			try {
				CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// a round that waits on a frozen node is cut short; its stragglers are counted as they come
			}
			long rest = 1000 - (System.nanoTime() - round) / 1_000_000;
			if (rest > 0) {
				try {
					Thread.sleep(rest);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private void record(String taskId, Instant sent, HttpResponse<String> response) {
		this.polls.incrementAndGet();
		if (response == null || response.statusCode() != 200) {
			this.unanswered.incrementAndGet();
			return;
		}
		JsonNode task = ChaosApi.json(response);
		Seen now = new Seen(sent, task.path("status").asString(), task.path("node").asString(null),
				task.path("attempts").asInt());
		List<Seen> history = this.seen.get(taskId);
		synchronized (history) {
			Instant newest = this.newestRead.get(taskId);
			if (newest != null && newest.isAfter(sent)) {
				// a straggler of an earlier round, answered after a later request: what it read is older
				return;
			}
			this.newestRead.put(taskId, sent);
			this.latest.put(taskId, task);
			Seen last = history.isEmpty() ? null : history.get(history.size() - 1);
			if (last == null || !last.sameAs(now)) {
				history.add(now);
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.poller.interrupt();
		this.poller.join(15_000);
	}

	/** What one poll read. */
	record Seen(Instant at, String status, String node, int attempts) {

		boolean sameAs(Seen other) {
			return this.status.equals(other.status) && this.attempts == other.attempts
					&& java.util.Objects.equals(this.node, other.node);
		}

	}

}
