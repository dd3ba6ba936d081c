package org.earthchem.export.queue;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.task.TaskStore;


/**
 * The gauges of the shared queue, the same on every node: {@code export_tasks_pending} (tasks waiting for a worker)
 * and {@code export_queue_dead_letters} (messages of exports that failed every attempt). Both are read every refresh
 * (the task table's pending counter, the one the {@code export.max-pending} cap reads; an attribute of the
 * dead-letter queue), not at every scrape.
 */
class QueueGauges {

	private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

	private final TaskStore tasks;

	private final ExportQueue queue;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong deadLetters = new AtomicLong();

	QueueGauges(TaskStore tasks, ExportQueue queue, MeterRegistry registry) {
		this.tasks = tasks;
		this.queue = queue;
		Gauge.builder("export.tasks.pending", this.pending, AtomicLong::get)
			.description("Export tasks waiting for a worker (all nodes)")
			.register(registry);
		Gauge.builder("export.queue.dead.letters", this.deadLetters, AtomicLong::get)
			.description("Messages in the dead-letter queue: exports that failed every attempt")
			.register(registry);
	}

	void refresh() {
		try {
			this.pending.set(this.tasks.pendingCount());
			Long depth = this.queue.deadLetters();
			if (depth != null) {
				this.deadLetters.set(depth);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh the queue gauges: {}", ex.getMessage());
		}
	}

}
