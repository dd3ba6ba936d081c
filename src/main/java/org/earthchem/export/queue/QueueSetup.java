package org.earthchem.export.queue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the task queue and its dead-letter queue when they are missing (FIFO, the redrive policy after
 * {@code export.queue.max-receives} receives, a safety net: see {@link TaskMessageListener}), and reads the dead-letter
 * queue's depth for operators.
 */
class QueueSetup {

	private static final Logger log = LoggerFactory.getLogger(QueueSetup.class);

	private final SqsAsyncClient sqs;

	private final QueueProperties properties;

	QueueSetup(SqsAsyncClient sqs, QueueProperties properties) {
		this.sqs = sqs;
		this.properties = properties;
		if (properties.createQueues()) {
			create(properties.maxReceives());
		}
	}

	private void create(int maxReceives) {
		String deadLetterUrl = this.sqs.createQueue((r) -> r.queueName(this.properties.deadLetterName())
			.attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).join().queueUrl();
		String deadLetterArn = this.sqs.getQueueAttributes((r) -> r.queueUrl(deadLetterUrl)
			.attributeNames(QueueAttributeName.QUEUE_ARN)).join().attributes().get(QueueAttributeName.QUEUE_ARN);
		String redrive = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}";
		this.sqs.createQueue((r) -> r.queueName(this.properties.name())
			.attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT,
					Long.toString(this.properties.visibilityTimeout().toSeconds()), QueueAttributeName.REDRIVE_POLICY,
					redrive)))
			.join();
		log.info("Queues ready: {} (after {} receives to {})", this.properties.name(), maxReceives,
				this.properties.deadLetterName());
	}

	/** Messages in the dead-letter queue: exports that failed every attempt and wait for an operator. */
	long deadLetterDepth() {
		String url = this.sqs.getQueueUrl((r) -> r.queueName(this.properties.deadLetterName()))
			.orTimeout(5, TimeUnit.SECONDS)
			.join()
			.queueUrl();
		String depth = this.sqs.getQueueAttributes((r) -> r.queueUrl(url)
			.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).orTimeout(5, TimeUnit.SECONDS).join()
			.attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
		return depth == null ? 0 : Long.parseLong(depth);
	}

}
