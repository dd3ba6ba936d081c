package org.earthchem.export.queue;

import java.util.UUID;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;

/**
 * The queue every node takes exports from: one SQS FIFO message per task attempt. Each task is a message group of its
 * own, so the nodes start several at once (one group would run them one by one), in no order SQS promises across
 * groups; the deduplication id is the task and its attempt, so sending again within five minutes adds nothing.
 */
public class ExportQueue {

	private static final Logger log = LoggerFactory.getLogger(ExportQueue.class);

	private final SqsTemplate sqs;

	private final QueueProperties properties;

	private final PendingTasks tasks;

	private final QueueSetup setup;

	ExportQueue(SqsTemplate sqs, QueueProperties properties, PendingTasks tasks, QueueSetup setup) {
		this.sqs = sqs;
		this.properties = properties;
		this.tasks = tasks;
		this.setup = setup;
	}

	/**
	 * Sends the task's message and records that it is queued.
	 * @throws QueueUnavailableException when the queue cannot be reached
	 */
	public void enqueue(ExportTask task) {
		send(task, task.taskId() + "-" + task.attempts());
	}

	/**
	 * Sends a new message for a Pending task whose message is gone (see {@link QueueReconciler}), under a deduplication
	 * id of its own: the one of its attempt may have been sent within SQS's five-minute deduplication window.
	 * @throws QueueUnavailableException when the queue cannot be reached
	 */
	void resend(ExportTask task) {
		send(task, task.taskId() + "-" + task.attempts() + "-again-" + UUID.randomUUID());
	}

	private void send(ExportTask task, String deduplicationId) {
		try {
			this.sqs.send((to) -> to.queue(this.properties.name())
				.payload(task.taskId())
				.messageGroupId(task.taskId())
				.messageDeduplicationId(deduplicationId));
		}
		catch (RuntimeException ex) {
			log.warn("Export {} could not be queued: {}", task.taskId(), ex.getMessage());
			throw new QueueUnavailableException("the export queue could not be reached", ex);
		}
		this.tasks.markQueued(task.taskId());
	}

	/**
	 * Records, before an operator's restart makes a Failed task Pending, that it has no message: should the restart's
	 * own send fail (or its node die first), the reconciler sends one, as for a task whose {@code POST} node died.
	 * Nothing when the task is not Failed.
	 */
	public void forgetMessage(String taskId) {
		this.tasks.markUnqueuedIfFailed(taskId);
	}

	/**
	 * Records that the task's message was just put back to the queue, so that it is not taken as lost; nothing when the
	 * task table cannot be reached (the next put-back records it).
	 */
	void seen(String taskId) {
		try {
			this.tasks.markQueued(taskId);
		}
		catch (RuntimeException ex) {
			log.debug("Could not record that the message of export {} was seen: {}", taskId, ex.getMessage());
		}
	}

	/**
	 * Copies the message of an export that failed every attempt to the dead-letter queue (the caller then deletes the
	 * original); deduplicated by the original's id, should that delete fail and the move be made again.
	 */
	void deadLetter(String taskId, String messageId) {
		this.sqs.send((to) -> to.queue(this.properties.deadLetterName())
			.payload(taskId)
			.messageGroupId(taskId)
			.messageDeduplicationId(taskId + "-dead-" + messageId));
	}

	/**
	 * Sends a new message for a task whose message this node holds and is about to delete (it hands the export back):
	 * its own deduplication id, and a receive count that starts again (the count of its failed resumes).
	 */
	void sendAgain(String taskId) {
		this.sqs.send((to) -> to.queue(this.properties.name())
			.payload(taskId)
			.messageGroupId(taskId)
			.messageDeduplicationId(taskId + "-back-" + UUID.randomUUID()));
	}

	/** Messages of exports that failed every attempt, waiting for an operator (null when the queue cannot say). */
	public Long deadLetters() {
		try {
			return this.setup.deadLetterDepth();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the dead-letter queue's depth: {}", ex.getMessage());
			return null;
		}
	}

}
