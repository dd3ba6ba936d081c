package org.earthchem.export.job;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.earthchem.export.job.run.ExportRuns;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.RunFencedException;
import org.earthchem.export.task.TaskRun;

/**
 * Writes a running export's row count to its task, at most once per interval so the table is not flooded, and
 * learns from the same write whether the task was cancelled meanwhile (on whichever node the cancel arrived). Stops
 * the step at once when this node is stopping, and fails it at once when the run lost its task (a write of the run was
 * fenced, here or by its heartbeat).
 */
final class ProgressReporter implements LongConsumer {

	private final TaskRun run;

	private final ExportRuns runs;

	private final Long totalRows;

	private final long intervalNanos;

	private final Runnable stop;

	private final BooleanSupplier nodeStopping;

	private long lastWrite;

	private final Speed speed;

	/**
	 * @param startRows rows stored before this execution began (its checkpoint), from where its speed is measured
	 */
	ProgressReporter(TaskRun run, ExportRuns runs, Long totalRows, long startRows, Duration interval,
			BooleanSupplier nodeStopping, Runnable stop) {
		this.speed = new Speed(startRows);
		this.run = run;
		this.runs = runs;
		this.nodeStopping = nodeStopping;
		this.stop = stop;
		this.totalRows = totalRows;
		this.intervalNanos = interval.toNanos();
		this.lastWrite = System.nanoTime();
	}

	@Override
	public void accept(long rowsWritten) {
		RunFencedException fence = this.runs.fence(this.run.token()).orElse(null);
		if (fence != null) {
			throw fence;
		}
		if (this.nodeStopping.getAsBoolean()) {
			// this node stops: the export goes on elsewhere from the last uploaded part
			this.stop.run();
			return;
		}
		long now = System.nanoTime();
		// every step counts toward the speed, written or not: a step between two writes is not lost
		Double speed = this.speed.sample(now, rowsWritten);
		if (now - this.lastWrite >= this.intervalNanos) {
			this.lastWrite = now;
			if (!this.run.progress(new Progress(rowsWritten, this.totalRows, speed))) {
				this.stop.run();
			}
		}
	}

	/**
	 * Rows per second over the last {@value #WINDOW_SECONDS} seconds of progress (or since the first rows moved):
	 * long enough to smooth the steps of part-sized progress, short enough to follow a change of pace. The first rows
	 * of an execution jump ahead (a part counts once it is on its way), so the window starts at that first step.
	 */
	static final class Speed {

		static final int WINDOW_SECONDS = 10;

		/** Times (nanos) and rows, oldest first; one a chunk at most, so a window holds a few hundred. */
		private final Deque<long[]> samples = new ArrayDeque<>();

		private final long startRows;

		/** @param startRows the rows of the checkpoint the execution began from */
		Speed(long startRows) {
			this.startRows = startRows;
		}

		/** Records rows at a time (nanos); returns the speed, null until rows have moved twice. */
		Double sample(long nanos, long rows) {
			if (rows <= this.startRows) {
				return null;
			}
			this.samples.addLast(new long[] { nanos, rows });
			while (this.samples.size() > 2 && nanos - second()[0] >= WINDOW_SECONDS * 1_000_000_000L) {
				this.samples.removeFirst();
			}
			long[] first = this.samples.getFirst();
			long elapsed = nanos - first[0];
			if (this.samples.size() < 2 || elapsed <= 0 || rows <= first[1]) {
				return null;
			}
			return (rows - first[1]) * 1e9 / elapsed;
		}

		private long[] second() {
			Iterator<long[]> oldest = this.samples.iterator();
			oldest.next();
			return oldest.next();
		}

	}

}
