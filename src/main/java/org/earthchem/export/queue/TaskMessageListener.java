package org.earthchem.export.queue;

import java.time.Duration;
import java.util.UUID;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.earthchem.export.job.ExportJobProperties;
import org.earthchem.export.job.run.ExportWorker;
import org.earthchem.export.job.run.RunOutcome;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.earthchem.export.text.UserText;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * Takes task messages from the queue, at most {@code export.workers} at a time on this node, and runs each export to
 * its end while holding its message ({@link VisibilityHeartbeats} keeps it hidden; a dead node stops extending, and
 * its exports come back to another node). The message is deleted once the task is final, made visible again after the
 * back-off of a retry, replaced by a fresh message when this node stops and hands the export back, and moved to the
 * dead-letter queue when the export has failed every attempt.
 * <p>
 * Moving a message to the dead-letter queue is this class's decision, not the redrive policy's. SQS counts every
 * receive, and most receives are not attempts: another node runs the export and the message comes back every lease,
 * a start fails while the job repository or the task table is down, a node takes an export over. With the receive
 * count set to the attempts, an outage of a minute sent live Pending tasks to the dead-letter queue, where nothing ran
 * them again. Only the service knows that an export failed every attempt (its task is Failed with its cause): it then
 * copies the message to the dead-letter queue and deletes it. The redrive policy stays, at
 * {@code export.queue.max-receives}, as a safety net; a Pending task whose message it took (or that expired) is sent
 * again by the {@link QueueReconciler}, which is why every message put back marks its task's message as seen.
 */
class TaskMessageListener {

	private static final Logger log = LoggerFactory.getLogger(TaskMessageListener.class);

	private final ExportWorker worker;

	private final VisibilityHeartbeats heartbeats;

	private final QueueProperties properties;

	private final ExportQueue queue;

	private final TaskStore tasks;

	private final ExportJobProperties jobProperties;

	TaskMessageListener(ExportWorker worker, VisibilityHeartbeats heartbeats, QueueProperties properties, ExportQueue queue,
			TaskStore tasks, ExportJobProperties jobProperties) {
		this.worker = worker;
		this.queue = queue;
		this.heartbeats = heartbeats;
		this.properties = properties;
		this.tasks = tasks;
		this.jobProperties = jobProperties;
	}

	/** The listener container's id. */
	static final String LISTENER_ID = "export-tasks";

	@SqsListener(id = LISTENER_ID, queueNames = "${export.queue.name:export-tasks.fifo}",
			factory = QueueConfig.LISTENER_FACTORY)
	void receive(@Payload String taskId, Visibility visibility, Acknowledgement acknowledgement,
			@Header(name = SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT,
					required = false) String receiveCount,
			@Header(name = SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, required = false) String messageId) {
		if (!TaskIds.isWellFormed(taskId)) {
			// not a message of this service (anyone with the queue's send right can send one): its payload is the
			// sender's text, escaped and shortened before it reaches the log, and never a task to look up
			String payload = (taskId == null) ? "null" : taskId.substring(0, Math.min(taskId.length(), 200));
			log.warn("Message {} discarded: its payload is not a task id: {}{}", messageId,
					UserText.escapeControls(payload), (taskId != null && taskId.length() > 200) ? "…" : "");
			acknowledgement.acknowledge();
			return;
		}
		if (this.worker.isStopping()) {
			// taken by a poll that was under way when this node began to stop: another node runs it
			handBack(taskId, visibility, acknowledgement);
			return;
		}
		MDC.put("taskId", taskId);
		VisibilityHeartbeats.Hold hold = this.heartbeats.hold(taskId, visibility);
		RunOutcome outcome;
		try {
			outcome = this.worker.run(taskId);
		}
		finally {
			hold.stop();
			MDC.remove("taskId");
		}
		switch (outcome.kind()) {
			case DONE -> acknowledgement.acknowledge();
			case RETRY, LATER -> putBack(taskId, visibility, outcome.delay());
			case DEAD_LETTER -> deadLetter(taskId, (messageId != null) ? messageId : UUID.randomUUID().toString(),
					visibility, acknowledgement);
			case HAND_BACK -> {
				if (this.worker.isStopping() || this.worker.releaseRequested(taskId)) {
					// this node's own run handed the export back (the node stops, or it could not keep this message
					// hidden): a fresh message, for another node to resume it at once; the receives of this message
					// (every lease it came back while the run went on) are not failed resumes
					handBack(taskId, visibility, acknowledgement);
				}
				else {
					notResumed(taskId, receives(receiveCount), visibility);
				}
			}
			case FIRST -> runFirst(taskId, outcome.first(), visibility, acknowledgement);
		}
	}

	/**
	 * An export accepted before the message's own waited, and this worker claimed it: the message goes back to the
	 * queue at once as a fresh one (it wakes the next free worker; its task keeps its place, which the task table
	 * holds), and this worker runs the claimed export. That export's own message still does what messages do after its
	 * run — finds it final, back in the queue or running — but for a hand-back, which is sent here.
	 */
	private void runFirst(String taskId, ExportTask first, Visibility visibility, Acknowledgement acknowledgement) {
		passOn(taskId, visibility, acknowledgement);
		MDC.put("taskId", first.taskId());
		RunOutcome outcome;
		try {
			outcome = this.worker.runClaimed(first);
		}
		finally {
			MDC.remove("taskId");
		}
		if (outcome.kind() == RunOutcome.Kind.HAND_BACK) {
			try {
				this.queue.sendAgain(first.taskId());
				log.info("Export {} handed back to the queue", first.taskId());
			}
			catch (RuntimeException ex) {
				// its own message comes back within a lease and another node resumes it then
				log.warn("Export {} could not be handed back with a new message: {}", first.taskId(), ex.getMessage());
			}
		}
	}

	/** The message's task waits behind another: a fresh message for it, so the wait does not count as a receive. */
	private void passOn(String taskId, Visibility visibility, Acknowledgement acknowledgement) {
		try {
			this.queue.sendAgain(taskId);
			acknowledgement.acknowledge();
			this.queue.seen(taskId);
		}
		catch (RuntimeException ex) {
			log.warn("Export {} waits behind an older export; its message is made visible again: {}", taskId,
					ex.getMessage());
			visibility.changeTo(0);
		}
	}

	/** The message comes back after {@code delay}; its task's message is seen, not lost. */
	private void putBack(String taskId, Visibility visibility, Duration delay) {
		visibility.changeTo(seconds(delay));
		this.queue.seen(taskId);
	}

	/** The export failed every attempt: its message waits in the dead-letter queue for an operator. */
	private void deadLetter(String taskId, String messageId, Visibility visibility, Acknowledgement acknowledgement) {
		try {
			this.queue.deadLetter(taskId, messageId);
		}
		catch (RuntimeException ex) {
			// the task is Failed already: the message comes back, and the move is tried again
			log.warn("Export {} failed every attempt, but its message could not be moved to {}; trying again in {}: {}",
					taskId, this.properties.deadLetterName(), this.properties.visibilityTimeout(), ex.getMessage());
			visibility.changeTo(seconds(this.properties.visibilityTimeout()));
			return;
		}
		acknowledgement.acknowledge();
		log.warn("Export {} failed every attempt; its message is in {}", taskId, this.properties.deadLetterName());
	}

	/**
	 * An export handed back by a stopping node did not resume here (its restart was refused or failed). Sent on at once
	 * it would go round the nodes without end: its message comes back after a back-off that doubles with its receives
	 * (a hand-back's message is fresh, so they count its failed resumes), and after {@code export.max-attempts} of them
	 * the export is taken over as a dead node's would be: one failed attempt, then the retry path, which ends Failed in
	 * the dead-letter queue once attempts are exhausted.
	 */
	private void notResumed(String taskId, int receives, Visibility visibility) {
		if (receives < this.jobProperties.maxAttempts()) {
			Duration wait = this.jobProperties.retryBackoff().multipliedBy(1L << Math.min(20, receives - 1));
			log.warn("Export {} was handed back but could not be resumed here ({} of {}); its message comes back in {}",
					taskId, receives, this.jobProperties.maxAttempts(), wait);
			visibility.changeTo(seconds(wait));
			return;
		}
		log.warn("Export {} was handed back but could not be resumed {} times; taken over as a failed attempt", taskId,
				receives);
		this.tasks.find(taskId)
			.filter((task) -> task.status() == TaskStatus.PROCESSING && task.node() == null)
			.ifPresent(this.worker::takeOverAbandoned);
		visibility.changeTo(0);
	}

	/** A fresh message, so that handing back does not count as a receive of the message another node takes. */
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

	private static int receives(String receiveCount) {
		try {
			return (receiveCount == null) ? 1 : Math.max(1, Integer.parseInt(receiveCount));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private static int seconds(Duration delay) {
		return (int) Math.min(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS, Math.max(0, delay.toSeconds()));
	}

}
