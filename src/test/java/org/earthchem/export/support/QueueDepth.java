package org.earthchem.export.support;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What a queue of the test stack holds, as the queue itself (ElasticMQ) counts it, not as the service sees it. */
public final class QueueDepth {

	private static final List<QueueAttributeName> EVERY_MESSAGE = List.of(
			QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
			QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
			QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

	private QueueDepth() {
	}

	/** Messages waiting to be received (not hidden by a receiver, not delayed). */
	public static long visible(SqsAsyncClient sqs, String queueName) {
		return attributes(sqs, queueName, List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).values()
			.stream()
			.mapToLong(Long::parseLong)
			.sum();
	}

	/**
	 * Every message in the queue: waiting, hidden (held by a receiver, or put back to come again later) or delayed.
	 * None left means that every message sent to it was received and deleted.
	 */
	public static long all(SqsAsyncClient sqs, String queueName) {
		return attributes(sqs, queueName, EVERY_MESSAGE).values().stream().mapToLong(Long::parseLong).sum();
	}

	private static Map<QueueAttributeName, String> attributes(SqsAsyncClient sqs, String queueName,
			List<QueueAttributeName> names) {
		String url = sqs.getQueueUrl((r) -> r.queueName(queueName)).join().queueUrl();
		return sqs.getQueueAttributes((r) -> r.queueUrl(url).attributeNames(names)).join().attributes();
	}

}
