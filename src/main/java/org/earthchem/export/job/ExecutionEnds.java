package org.earthchem.export.job;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the worker that started a task's job wait for the job's end: it holds the task's queue message until then.
 */
final class ExecutionEnds {

	private final Map<String, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();

	/** To call before the job is started: its end completes the returned future. */
	CompletableFuture<Void> expect(String taskId) {
		return this.ends.computeIfAbsent(taskId, (id) -> new CompletableFuture<>());
	}

	void forget(String taskId) {
		this.ends.remove(taskId);
	}

	/** A job of the task ended (whatever its outcome). */
	void ended(String taskId) {
		CompletableFuture<Void> end = this.ends.remove(taskId);
		if (end != null) {
			end.complete(null);
		}
	}

}
