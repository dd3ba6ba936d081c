package org.earthchem.export.job.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.earthchem.export.task.RunFencedException;
import org.earthchem.export.task.TaskRun;

/**
 * The runs of exports on this node, by job execution id (a node may run a task again, after taking it back, while
 * its earlier run still winds down): what each run holds, and whether it learned that it lost its task.
 */
public final class ExportRuns {

	private final Map<Long, Entry> runs = new ConcurrentHashMap<>();

	public void started(TaskRun run) {
		this.runs.put(run.token(), new Entry(run));
	}

	/** The run of this execution, if it took its task. */
	public Optional<TaskRun> of(long executionId) {
		return Optional.ofNullable(this.runs.get(executionId)).map(Entry::run);
	}

	/** The run of this execution, which must have taken its task (its steps run only then). */
	public TaskRun require(long executionId) {
		return of(executionId).orElseThrow(() -> new IllegalStateException(
				"job execution " + executionId + " runs without having taken its task"));
	}

	/** A write of the run (from any thread) was refused: the run has lost its task. */
	void fenced(RunFencedException fence) {
		Entry entry = this.runs.get(fence.token());
		if (entry != null) {
			entry.fence = fence;
		}
	}

	/** Why the run must stop at once, if it lost its task. */
	public Optional<RunFencedException> fence(long executionId) {
		Entry entry = this.runs.get(executionId);
		return (entry == null) ? Optional.empty() : Optional.ofNullable(entry.fence);
	}

	public void ended(long executionId) {
		this.runs.remove(executionId);
	}

	private static final class Entry {

		private final TaskRun run;

		private volatile RunFencedException fence;

		Entry(TaskRun run) {
			this.run = run;
		}

		TaskRun run() {
			return this.run;
		}

	}

}
