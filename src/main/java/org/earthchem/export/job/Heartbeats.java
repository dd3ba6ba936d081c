package org.earthchem.export.job;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.earthchem.export.task.TaskStore;
import org.springframework.scheduling.TaskScheduler;

/** While a job runs, its task's heartbeat is renewed, so recovery can tell a slow job from a dead one. */
class Heartbeats {

	private final TaskStore tasks;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

	Heartbeats(TaskStore tasks, TaskScheduler scheduler, Duration interval) {
		this.tasks = tasks;
		this.scheduler = scheduler;
		this.interval = interval;
	}

	void start(String taskId) {
		this.running.put(taskId, this.scheduler.scheduleWithFixedDelay(() -> this.tasks.heartbeat(taskId), this.interval));
	}

	void stop(String taskId) {
		ScheduledFuture<?> beat = this.running.remove(taskId);
		if (beat != null) {
			beat.cancel(false);
		}
	}

}
