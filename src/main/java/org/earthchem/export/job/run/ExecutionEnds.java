package org.earthchem.export.job.run;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the worker that launched a task's job wait for that job's end (and its mail): it holds the task's queue message
 * until then. Keyed by launch, not task: a node may launch a task again while its earlier job still winds down.
 */
public final class ExecutionEnds {

	private final Map<String, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();

	/** To call before the job is launched: its end completes the returned future. */
	CompletableFuture<Void> expect(String launch) {
		return this.ends.computeIfAbsent(launch, (id) -> new CompletableFuture<>());
	}

	void forget(String launch) {
		this.ends.remove(launch);
	}

	/** The job of this launch ended (whatever its outcome). */
	public void ended(String launch) {
		CompletableFuture<Void> end = this.ends.remove(launch);
		if (end != null) {
			end.complete(null);
		}
	}

}
