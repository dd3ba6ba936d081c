package org.earthchem.export.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The queue as the task table holds it: the Pending tasks of the {@code by-status} index in creation order (a
 * task's place among them, those whose message was never sent), the running ones, and what start estimates and
 * gauges read: the queries the {@code queue} module needs, kept here so that the task table stays this module's.
 */
public class PendingTasks {

	private static final String QUEUED_AT = "queuedAt";

	private final DynamoDbClient dynamoDb;

	private final TaskStore tasks;

	PendingTasks(DynamoDbClient dynamoDb, TaskStore tasks) {
		this.dynamoDb = dynamoDb;
		this.tasks = tasks;
	}

	/**
	 * Where a Pending task stands in the queue: 1 is next to start. The queue is the Pending partition of the
	 * {@code by-status} index in creation order; null when the task is not Pending.
	 */
	public Integer position(ExportTask task) {
		if (task.status() != TaskStatus.PENDING) {
			return null;
		}
		String createdAt = Timestamps.format(task.createdAt());
		int ahead = 0;
		for (Map<String, AttributeValue> item : items((r) -> r
			.keyConditionExpression("#status = :pending AND #created <= :created")
			.expressionAttributeNames(Map.of("#status", "status", "#created", "createdAt"))
			.expressionAttributeValues(Map.of(":pending", pending(), ":created", AttributeValue.fromS(createdAt)))
			.projectionExpression("taskId, createdAt"))) {
			// tasks of the same millisecond queue in id order
			if (!item.get("createdAt").s().equals(createdAt) || item.get("taskId").s().compareTo(task.taskId()) < 0) {
				ahead++;
			}
		}
		return ahead + 1;
	}

	/** Pending tasks, oldest first: the queue. */
	public List<ExportTask> pendingOldestFirst() {
		return tasks((r) -> r.keyConditionExpression("#status = :pending")
			.expressionAttributeNames(Map.of("#status", "status"))
			.expressionAttributeValues(Map.of(":pending", pending()))
			.scanIndexForward(true));
	}

	/** Processing tasks, oldest first. */
	public List<ExportTask> processingOldestFirst() {
		return tasks((r) -> r.keyConditionExpression("#status = :processing")
			.expressionAttributeNames(Map.of("#status", "status"))
			.expressionAttributeValues(Map.of(":processing", AttributeValue.fromS(TaskStatus.PROCESSING.label())))
			.scanIndexForward(true));
	}

	/**
	 * Pending tasks created before {@code before} whose queue message was never sent (their node died between the two),
	 * oldest first.
	 */
	public List<ExportTask> pendingNotQueued(Instant before) {
		return tasks((r) -> r.keyConditionExpression("#status = :pending AND #created < :before")
			.filterExpression("attribute_not_exists(#queued)")
			.expressionAttributeNames(Map.of("#status", "status", "#created", "createdAt", "#queued", QUEUED_AT))
			.expressionAttributeValues(Map.of(":pending", pending(), ":before",
					AttributeValue.fromS(Timestamps.format(before))))
			.scanIndexForward(true));
	}

	/**
	 * Pending tasks whose queue message was last seen (sent, or received and put back) before {@code before}, oldest
	 * first: their message may be gone.
	 */
	public List<ExportTask> pendingSeenBefore(Instant before) {
		// queuedAt is never before createdAt: the key condition keeps the read to the older part of the queue
		return tasks((r) -> r.keyConditionExpression("#status = :pending AND #created < :before")
			.filterExpression("#queued < :before")
			.expressionAttributeNames(Map.of("#status", "status", "#created", "createdAt", "#queued", QUEUED_AT))
			.expressionAttributeValues(Map.of(":pending", pending(), ":before",
					AttributeValue.fromS(Timestamps.format(before))))
			.scanIndexForward(true));
	}

	/** Records that a Failed task has no queue message; nothing when it is not Failed (or gone). */
	public void markUnqueuedIfFailed(String taskId) {
		try {
			this.dynamoDb.updateItem((r) -> r.tableName(this.tasks.tableName())
				.key(this.tasks.taskKey(taskId))
				.updateExpression("REMOVE #queued")
				.conditionExpression("#status = :failed")
				.expressionAttributeNames(Map.of("#queued", QUEUED_AT, "#status", "status"))
				.expressionAttributeValues(Map.of(":failed", AttributeValue.fromS(TaskStatus.FAILED.label()))));
		}
		catch (ConditionalCheckFailedException ex) {
			// not Failed: its restart is refused, and its message (if any) is left as it is
		}
	}

	/**
	 * Records that the task's queue message was sent; nothing when the task is gone (withdrawn meanwhile: an update
	 * must not leave an item with no status behind).
	 */
	public void markQueued(String taskId) {
		markQueued(taskId, this.tasks.now());
	}

	/** Records that the task's queue message was sent, or last seen, at {@code at}; nothing when the task is gone. */
	public void markQueued(String taskId, Instant at) {
		try {
			this.dynamoDb.updateItem((r) -> r.tableName(this.tasks.tableName())
				.key(this.tasks.taskKey(taskId))
				.updateExpression("SET #queued = :now")
				.conditionExpression("attribute_exists(#status)")
				.expressionAttributeNames(Map.of("#queued", QUEUED_AT, "#status", "status"))
				.expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(at)))));
		}
		catch (ConditionalCheckFailedException ex) {
			// withdrawn: its message finds no task and is dropped
		}
	}

	/** The newest Succeeded tasks, at most {@code limit}, newest first (recent durations for start estimates). */
	public List<ExportTask> recentlySucceeded(int limit) {
		return this.dynamoDb.query((r) -> r.tableName(this.tasks.tableName())
			.indexName(TaskTable.BY_STATUS)
			.keyConditionExpression("#status = :succeeded")
			.expressionAttributeNames(Map.of("#status", "status"))
			.expressionAttributeValues(Map.of(":succeeded", AttributeValue.fromS(TaskStatus.SUCCEEDED.label())))
			.scanIndexForward(false)
			.limit(limit)).items().stream().map(this.tasks::taskFromItem).toList();
	}

	private List<ExportTask> tasks(Consumer<QueryRequest.Builder> query) {
		return items(query).stream().map(this.tasks::taskFromItem).toList();
	}

	/** Every item a query of the status index matches, across DynamoDB's pages. */
	private List<Map<String, AttributeValue>> items(Consumer<QueryRequest.Builder> query) {
		return this.dynamoDb
			.queryPaginator((r) -> query.accept(r.tableName(this.tasks.tableName()).indexName(TaskTable.BY_STATUS)))
			.items()
			.stream()
			.toList();
	}

	private static AttributeValue pending() {
		return AttributeValue.fromS(TaskStatus.PENDING.label());
	}

}
