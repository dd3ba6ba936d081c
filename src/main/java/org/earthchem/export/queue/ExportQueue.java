package org.earthchem.export.queue;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.awspring.cloud.sqs.operations.SqsTemplate;

import org.earthchem.export.task.ExportTask;

/**
 * The queue every node takes exports from: one SQS FIFO message per task attempt. Each task is a message group of its
 * own, so the nodes start exports in the order they were sent, several at once (one group would run them one by
 * one); the deduplication id is the task and its attempt, so sending again within five minutes adds nothing.
 */
public class ExportQueue {

	private static final Logger log = LoggerFactory.getLogger(ExportQueue.class);

	private final SqsTemplate sqs;

	private final QueueProperties properties;

	private final TaskQueue tasks;

	private final QueueSetup setup;

	ExportQueue(SqsTemplate sqs, QueueProperties properties, TaskQueue tasks, QueueSetup setup) {
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
		try {
			this.sqs.send((to) -> to.queue(this.properties.name())
				.payload(task.taskId())
				.messageGroupId(task.taskId())
				.messageDeduplicationId(task.taskId() + "-" + task.attempts()));
		}
		catch (RuntimeException ex) {
			log.warn("Export {} could not be queued: {}", task.taskId(), ex.getMessage());
			throw new QueueUnavailableException("the export queue could not be reached", ex);
		}
		this.tasks.markQueued(task.taskId());
	}

	/**
	 * Sends a new message for a task whose message this node holds and is about to delete (it hands the export back):
	 * its own deduplication id, and a receive count that starts again.
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
