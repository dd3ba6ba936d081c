package org.earthchem.export.task;

import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Runs the writes of the task table as DynamoDB transactions, again after a short wait when one collides with another
 * transaction on the same items (the counters are shared by every request), and tells which condition refused one.
 */
final class TaskTransactions {

	static final String CONDITION_FAILED = "ConditionalCheckFailed";

	private final DynamoDbClient dynamoDb;

	private final RetryTemplate conflictRetries;

	TaskTransactions(DynamoDbClient dynamoDb) {
		this.dynamoDb = dynamoDb;
		this.conflictRetries = new RetryTemplate(RetryPolicy.builder()
			.predicate(TaskTransactions::isConflict)
			.maxRetries(10)
			.delay(Duration.ofMillis(10))
			.jitter(Duration.ofMillis(10))
			.multiplier(2)
			.maxDelay(Duration.ofMillis(500))
			.build());
	}

	/**
	 * Runs the writes as one transaction, again after a short wait when it collided with another transaction on the
	 * same items (the counters are shared by every request).
	 * @return nothing when done; else each write's cancellation reason code, in the order of the writes
	 */
	List<String> refusals(List<TransactWriteItem> writes) {
		try {
			return this.conflictRetries.execute(() -> {
				try {
					this.dynamoDb.transactWriteItems((r) -> r.transactItems(writes));
					return List.<String>of();
				}
				catch (TransactionCanceledException ex) {
					List<String> reasons = ex.cancellationReasons().stream().map(CancellationReason::code).toList();
					if (reasons.contains(CONDITION_FAILED)) {
						return reasons;
					}
					throw ex;
				}
			});
		}
		catch (RetryException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex);
		}
	}

	private static boolean isConflict(Throwable failure) {
		return failure instanceof TransactionCanceledException canceled && canceled.hasCancellationReasons()
				&& canceled.cancellationReasons().stream().map(CancellationReason::code).anyMatch("TransactionConflict"::equals);
	}

}
