package org.earthchem.export.queue;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SQS queue every node takes its exports from.
 *
 * @param name the FIFO queue of the tasks ({@code EXPORT_QUEUE_NAME})
 * @param deadLetterName the FIFO queue where a task's message goes after {@code export.max-attempts} receives
 * ({@code EXPORT_QUEUE_DEAD_LETTER_NAME})
 * @param createQueues create both queues, with the redrive policy, when missing ({@code false} in production, where
 * infrastructure code creates them)
 * @param visibilityTimeout how long a received message stays hidden; a node extends it every third of it while the
 * export runs, so a dead node's exports come back after at most this long
 * @param reconcileInterval how often tasks recorded without a message (their node died in between) are queued
 * @param resendAtStart the queue lives in this process and begins empty (the in-process ElasticMQ of {@code make run}):
 * at start every active task is queued again, a Processing one taken over first; never with a shared queue
 */
@Validated
@ConfigurationProperties("export.queue")
public record QueueProperties(@NotBlank @DefaultValue("export-tasks.fifo") String name,
		@NotBlank @DefaultValue("export-tasks-dlq.fifo") String deadLetterName,
		@DefaultValue("true") boolean createQueues, @NotNull @DefaultValue("30s") Duration visibilityTimeout,
		@NotNull @DefaultValue("30s") Duration reconcileInterval, @DefaultValue("false") boolean resendAtStart) {

	public QueueProperties {
		if (name != null && !name.endsWith(".fifo") || deadLetterName != null && !deadLetterName.endsWith(".fifo")) {
			throw new IllegalArgumentException("export.queue.name and export.queue.dead-letter-name must be FIFO queues "
					+ "(ending in .fifo): exports start in the order they were asked for");
		}
	}

}
