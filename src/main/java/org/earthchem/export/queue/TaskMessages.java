package org.earthchem.export.queue;

import java.util.concurrent.ScheduledFuture;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.earthchem.export.job.ExportWorker;
import org.earthchem.export.job.RunOutcome;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.scheduling.TaskScheduler;

/**
 * Takes task messages from the queue, at most {@code export.workers} at a time on this node, and runs each export to
 * its end while holding its message: its visibility is extended every third of the timeout (a dead node stops
 * extending, and its exports come back to another node), and it is deleted once the task is final, made visible
 * again after the back-off of a retry, left to the redrive policy when attempts are exhausted, or replaced by a fresh
 * message when this node stops and hands the export back.
 */
class TaskMessages {

	private static final Logger log = LoggerFactory.getLogger(TaskMessages.class);

	private final ExportWorker worker;

	private final TaskScheduler scheduler;

	private final QueueProperties properties;

	private final ExportQueue queue;

	TaskMessages(ExportWorker worker, TaskScheduler scheduler, QueueProperties properties, ExportQueue queue) {
		this.worker = worker;
		this.queue = queue;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	/** The listener container's id. */
	static final String LISTENER_ID = "export-tasks";

	@SqsListener(id = LISTENER_ID, queueNames = "${export.queue.name:export-tasks.fifo}",
			factory = QueueConfig.LISTENER_FACTORY)
	void receive(@Payload String taskId, Visibility visibility, Acknowledgement acknowledgement) {
		if (this.worker.isStopping()) {
			// taken by a poll that was under way when this node began to stop: another node runs it
			handBack(taskId, visibility, acknowledgement);
			return;
		}
		MDC.put("taskId", taskId);
		int timeout = (int) this.properties.visibilityTimeout().toSeconds();
		ScheduledFuture<?> heartbeat = this.scheduler.scheduleAtFixedRate(() -> visibility.changeToAsync(timeout),
				this.properties.visibilityTimeout().dividedBy(3));
		RunOutcome outcome;
		try {
			outcome = this.worker.run(taskId);
		}
		finally {
			heartbeat.cancel(false);
			MDC.remove("taskId");
		}
		switch (outcome.kind()) {
			case DONE -> acknowledgement.acknowledge();
			case RETRY, LATER -> visibility.changeTo((int) Math.max(0, outcome.delay().toSeconds()));
			case DEAD_LETTER -> {
				// visible at once: the next receive finds it over maxReceiveCount and the redrive policy moves it
				log.warn("Export {} failed every attempt; its message goes to {}", taskId,
						this.properties.deadLetterName());
				visibility.changeTo(0);
			}
			case HAND_BACK -> handBack(taskId, visibility, acknowledgement);
		}
	}

	/** A fresh message, so that handing back does not count as a receive toward the dead-letter queue. */
	private void handBack(String taskId, Visibility visibility, Acknowledgement acknowledgement) {
		try {
			this.queue.sendAgain(taskId);
			acknowledgement.acknowledge();
			log.info("Export {} handed back to the queue", taskId);
		}
		catch (RuntimeException ex) {
			log.warn("Export {} could not be handed back with a new message; its message is made visible: {}", taskId,
					ex.getMessage());
			visibility.changeTo(0);
		}
	}

}
