package org.earthchem.export.queue;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SQS queue every node takes its exports from.
 *
 * @param name the FIFO queue of the tasks ({@code EXPORT_QUEUE_NAME})
 * @param deadLetterName the FIFO queue where the service moves the message of an export that failed every attempt
 * ({@code EXPORT_QUEUE_DEAD_LETTER_NAME})
 * @param createQueues create both queues, with the redrive policy, when missing ({@code false} in production, where
 * infrastructure code creates them)
 * @param visibilityTimeout how long a received message stays hidden; a node extends it every third of it while the
 * export runs, so a dead node's exports come back after at most this long
 * @param reconcileInterval how often tasks recorded without a message (their node died in between) are queued
 * @param resendAtStart the queue begins empty with this service (the ElasticMQ of {@code make run}'s launcher JVM):
 * at start every active task is queued again, a Processing one taken over first; never with a shared queue
 * @param maxReceives the redrive policy's {@code maxReceiveCount} (at most 1,000, SQS's limit): a safety net only, since
 * the service moves a message to the dead-letter queue itself once its export has failed every attempt; receives that
 * are not attempts (another node runs the export, a start that failed during an outage) count here too, so it is high
 * @param lostAfter a Pending task whose message was last seen (sent, or received and put back) this long ago is taken
 * as having lost it (moved by the safety net, or expired) and is sent again; longer than the visibility timeout. A task
 * that merely waits this long behind others gets a duplicate message, which costs one receive (it finds the task taken
 * or final)
 */
@Validated
@ConfigurationProperties("export.queue")
public record QueueProperties(@NotBlank @DefaultValue("export-tasks.fifo") String name,
		@NotBlank @DefaultValue("export-tasks-dlq.fifo") String deadLetterName,
		@DefaultValue("true") boolean createQueues, @NotNull @DefaultValue("30s") Duration visibilityTimeout,
		@NotNull @DefaultValue("30s") Duration reconcileInterval, @DefaultValue("false") boolean resendAtStart,
		@Min(1) @Max(1000) @DefaultValue("1000") int maxReceives, @NotNull @DefaultValue("1h") Duration lostAfter) {

	public QueueProperties {
		if (name != null && !name.endsWith(".fifo") || deadLetterName != null && !deadLetterName.endsWith(".fifo")) {
			throw new IllegalArgumentException("export.queue.name and export.queue.dead-letter-name must be FIFO queues "
					+ "(ending in .fifo): exports start in the order they were asked for");
		}
		if (lostAfter != null && visibilityTimeout != null && lostAfter.compareTo(visibilityTimeout) <= 0) {
			// a message in hand is out of sight for a visibility timeout at a time: it is not lost then
			throw new IllegalArgumentException("export.queue.lost-after (" + lostAfter
					+ ") must be longer than export.queue.visibility-timeout (" + visibilityTimeout + ")");
		}
	}

}
