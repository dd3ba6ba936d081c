package org.earthchem.export.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.awspring.cloud.sqs.listener.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.run.ExportWorker;

/**
 * Keeps the messages of this node's running exports hidden, on threads of its own: the export scheduler also runs
 * heartbeats, sweeps and gauges that may wait seconds on a slow service, and a late extension lets the message come
 * back to another node while the export still runs here. A run whose message could not be kept hidden for two thirds
 * of the visibility timeout is asked to stop ({@link ExportWorker#release}) before another node may take the export.
 */
class VisibilityHeartbeats implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(VisibilityHeartbeats.class);

	private final ScheduledThreadPoolExecutor executor;

	private final ExportWorker worker;

	private final Duration timeout;

	/**
	 * @param threads threads that send the extensions (each extension only starts an asynchronous call)
	 * @param timeout the visibility timeout that each extension sets
	 */
	VisibilityHeartbeats(ExportWorker worker, Duration timeout, int threads) {
		this.worker = worker;
		this.timeout = timeout;
		this.executor = new ScheduledThreadPoolExecutor(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "export-visibility");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/** Keeps the message of the task's export, received just now, hidden until {@link Hold#stop}. */
	Hold hold(String taskId, Visibility visibility) {
		return hold(taskId, visibility, this.timeout);
	}

	Hold hold(String taskId, Visibility visibility, Duration timeout) {
		Hold hold = new Hold(taskId, visibility, timeout);
		// every sixth of the timeout: an extension every other beat, a failed one tried again at the next
		long beat = Math.max(1, timeout.toMillis() / 6);
		hold.schedule = this.executor.scheduleAtFixedRate(hold::beat, beat, beat, TimeUnit.MILLISECONDS);
		return hold;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/** The hold of one message. */
	final class Hold {

		private final String taskId;

		private final Visibility visibility;

		private final Duration timeout;

		/** When the last extension that SQS confirmed was sent (the receive at first): hidden until then + timeout. */
		private volatile long hiddenFrom = System.nanoTime();

		private volatile boolean failing;

		private final AtomicBoolean extending = new AtomicBoolean();

		private volatile ScheduledFuture<?> schedule;

		private long beats;

		private boolean released;

		private Hold(String taskId, Visibility visibility, Duration timeout) {
			this.taskId = taskId;
			this.visibility = visibility;
			this.timeout = timeout;
		}

		/** Stops extending: the message is deleted or put back. */
		void stop() {
			ScheduledFuture<?> scheduled = this.schedule;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

		/** One beat, on one thread at a time (a fixed-rate task never overlaps itself). */
		private void beat() {
			this.beats++;
			long hidden = System.nanoTime() - this.hiddenFrom;
			if (!this.released && hidden >= this.timeout.toNanos() * 2 / 3) {
				// a third of the timeout left for the run to stop at its next check before the message comes back
				this.released = true;
				log.warn("Export {}: its queue message could not be kept hidden for {} ms; this node stops its run, "
						+ "as another node may take the export", this.taskId, hidden / 1_000_000);
				VisibilityHeartbeats.this.worker.release(this.taskId);
			}
			if ((this.beats % 2 == 0 || this.failing) && this.extending.compareAndSet(false, true)) {
				extend();
			}
		}

		private void extend() {
			long sent = System.nanoTime();
			CompletableFuture<Void> extension;
			try {
				extension = this.visibility.changeToAsync((int) this.timeout.toSeconds());
			}
			catch (RuntimeException ex) {
				extension = CompletableFuture.failedFuture(ex);
			}
			// a call that hangs is a failed one: the next beat tries again
			extension.orTimeout(this.timeout.toMillis() / 3, TimeUnit.MILLISECONDS).whenComplete((done, ex) -> {
				if (ex == null) {
					this.hiddenFrom = sent;
					this.failing = false;
				}
				else {
					if (!this.failing) {
						log.warn("Export {}: the visibility of its queue message could not be extended ({}); trying "
								+ "again", this.taskId, ex.getMessage());
					}
					this.failing = true;
				}
				this.extending.set(false);
			});
		}

	}

}
