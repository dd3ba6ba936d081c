package org.earthchem.export.job;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.earthchem.export.task.Progress;
import org.earthchem.export.task.TaskStore;

/**
 * Writes a running export's row count to its task, at most once per interval so the table is not flooded, and
 * learns from the same write whether the task was cancelled meanwhile (on whichever node the cancel arrived). Stops
 * the step at once when this node is stopping.
 */
final class ProgressReporter implements LongConsumer {

	private final TaskStore tasks;

	private final String taskId;

	private final Long totalRows;

	private final long intervalNanos;

	private final Runnable stop;

	private final BooleanSupplier nodeStopping;

	private long lastWrite;

	ProgressReporter(TaskStore tasks, String taskId, Long totalRows, Duration interval,
			BooleanSupplier nodeStopping, Runnable stop) {
		this.tasks = tasks;
		this.nodeStopping = nodeStopping;
		this.stop = stop;
		this.taskId = taskId;
		this.totalRows = totalRows;
		this.intervalNanos = interval.toNanos();
		this.lastWrite = System.nanoTime();
	}

	@Override
	public void accept(long rowsWritten) {
		if (this.nodeStopping.getAsBoolean()) {
			// this node stops: the export goes on elsewhere from the last uploaded part
			this.stop.run();
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastWrite >= this.intervalNanos) {
			this.lastWrite = now;
			if (!this.tasks.updateProgress(this.taskId, new Progress(rowsWritten, this.totalRows))) {
				this.stop.run();
			}
		}
	}

}
