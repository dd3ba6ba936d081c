package org.earthchem.export.job.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.task.RunFencedException;
import org.earthchem.export.task.TaskRun;
import org.springframework.scheduling.TaskScheduler;

/**
 * While a run goes on, its task's heartbeat is renewed (on a scheduler of their own, so no slow call of another kind
 * delays them), so recovery can tell a slow run from a dead one. A heartbeat refused because another run took the
 * task marks the run fenced: it stops at its next row.
 */
public class Heartbeats {

	private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final ExportRuns runs;

	private final Map<Long, ScheduledFuture<?>> beating = new ConcurrentHashMap<>();

	public Heartbeats(TaskScheduler scheduler, Duration interval, ExportRuns runs) {
		this.scheduler = scheduler;
		this.interval = interval;
		this.runs = runs;
	}

	public void start(TaskRun run) {
		ScheduledFuture<?> previous = this.beating.put(run.token(),
				this.scheduler.scheduleWithFixedDelay(() -> beat(run), this.interval));
		if (previous != null) {
			previous.cancel(false);
		}
	}

	public void stop(TaskRun run) {
		ScheduledFuture<?> beat = this.beating.remove(run.token());
		if (beat != null) {
			beat.cancel(false);
		}
	}

	private void beat(TaskRun run) {
		try {
			run.heartbeat();
		}
		catch (RunFencedException ex) {
			this.runs.fenced(ex);
			stop(run);
		}
		catch (RuntimeException ex) {
			// the table is unreachable for now: the next beat tries again, and the lease allows for a few
			log.warn("Export {}: the heartbeat of run {} failed: {}", run.taskId(), run.token(), ex.getMessage());
		}
	}

}
