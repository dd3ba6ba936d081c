package org.earthchem.export.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.earthchem.export.task.TaskItems.s;

/**
 * First in, first out across every node: the queue's messages only wake a worker, and the task table decides which
 * export it starts — the oldest Pending one (by acceptance, {@code createdAt}, then task id) that no other worker has
 * claimed and whose retry back-off is over. A worker claims it with one conditional write (so two workers never claim
 * the same task) for a while ({@code claimFor}) in which its node starts the job; a claim whose node died before the
 * start lapses, and the next worker claims the task again. The take that makes the task Processing ends the claim and
 * records the claim's time as the start.
 */
public class QueueClaims {

	/** When a worker claimed the task: its start, once the job takes it. */
	static final String CLAIMED_AT = "claimedAt";

	/** Until when a claim keeps other workers off the task. */
	static final String CLAIM_UNTIL = "claimUntil";

	/** A retry's back-off: the task is not claimed before then. */
	static final String NOT_BEFORE = "notBefore";

	/** Pending tasks read at a time, oldest first, while looking for one to claim. */
	private static final int PAGE = 25;

	private static final Logger log = LoggerFactory.getLogger(QueueClaims.class);

	private final DynamoDbClient dynamoDb;

	private final TaskStore tasks;

	QueueClaims(DynamoDbClient dynamoDb, TaskStore tasks) {
		this.dynamoDb = dynamoDb;
		this.tasks = tasks;
	}

	/**
	 * Claims the oldest Pending task that may start now, for {@code claimFor}.
	 * @param claimant who claims (the node and its worker), for the log and the item
	 * @return the claimed task, or empty when none may start now
	 */
	public Optional<ExportTask> claimOldest(String claimant, Duration claimFor) {
		Map<String, AttributeValue> start = null;
		do {
			Instant now = this.tasks.now();
			QueryResponse page = page(start);
			for (Map<String, AttributeValue> item : inQueueOrder(page.items())) {
				if (isWaiting(item, now)) {
					continue;
				}
				String taskId = item.get("taskId").s();
				// the claim's own time, read after the page: a claim that follows another's read that one as taken
				if (claim(taskId, claimant, this.tasks.now(), claimFor)) {
					log.debug("Export {} claimed by {}", taskId, claimant);
					return this.tasks.find(taskId).filter((task) -> task.status() == TaskStatus.PENDING);
				}
			}
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		return Optional.empty();
	}

	/** Gives a claim up (its job could not be started), so the next worker claims the task at once. */
	public void release(String taskId, String claimant) {
		try {
			this.dynamoDb.updateItem((r) -> r.tableName(this.tasks.tableName())
				.key(this.tasks.taskKey(taskId))
				.updateExpression("REMOVE #until, #claimedAt, #by")
				.conditionExpression("#status = :pending AND #by = :claimant")
				.expressionAttributeNames(Map.of("#until", CLAIM_UNTIL, "#claimedAt", CLAIMED_AT, "#by", "claimedBy",
						"#status", "status"))
				.expressionAttributeValues(Map.of(":pending", s(TaskStatus.PENDING.label()), ":claimant", s(claimant))));
		}
		catch (ConditionalCheckFailedException ex) {
			// taken, cancelled or claimed again meanwhile
		}
	}

	/** When the task's retry back-off ends, if it has one still running. */
	public Optional<Instant> notBefore(String taskId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.tasks.tableName())
				.key(this.tasks.taskKey(taskId))
				.consistentRead(true)
				.projectionExpression(NOT_BEFORE))
			.item();
		AttributeValue value = (item == null) ? null : item.get(NOT_BEFORE);
		return Optional.ofNullable(value).map((v) -> Timestamps.parse(v.s())).filter((at) -> at.isAfter(this.tasks.now()));
	}

	private boolean claim(String taskId, String claimant, Instant now, Duration claimFor) {
		String at = Timestamps.format(now);
		try {
			this.dynamoDb.updateItem((r) -> r.tableName(this.tasks.tableName())
				.key(this.tasks.taskKey(taskId))
				.updateExpression("SET #claimedAt = :now, #until = :until, #by = :claimant")
				.conditionExpression("#status = :pending AND (attribute_not_exists(#until) OR #until < :now) "
						+ "AND (attribute_not_exists(#notBefore) OR #notBefore <= :now)")
				.expressionAttributeNames(Map.of("#claimedAt", CLAIMED_AT, "#until", CLAIM_UNTIL, "#by", "claimedBy",
						"#status", "status", "#notBefore", NOT_BEFORE))
				.expressionAttributeValues(Map.of(":now", s(at), ":until", s(Timestamps.format(now.plus(claimFor))),
						":claimant", s(claimant), ":pending", s(TaskStatus.PENDING.label()))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			// another worker claimed it first, or it left Pending
			return false;
		}
	}

	/** A task that may not be claimed now: claimed by another worker, or waiting out its retry's back-off. */
	private static boolean isWaiting(Map<String, AttributeValue> item, Instant now) {
		return isAfter(item.get(CLAIM_UNTIL), now) || isAfter(item.get(NOT_BEFORE), now);
	}

	private static boolean isAfter(AttributeValue at, Instant now) {
		return at != null && Timestamps.parse(at.s()).isAfter(now);
	}

	/** One page of the Pending tasks, oldest first, from {@code start}. */
	private QueryResponse page(Map<String, AttributeValue> start) {
		return this.dynamoDb.query((r) -> r.tableName(this.tasks.tableName())
			.indexName(TaskTable.BY_STATUS)
			.keyConditionExpression("#status = :pending")
			.expressionAttributeNames(Map.of("#status", "status", "#created", "createdAt", "#until", CLAIM_UNTIL,
					"#notBefore", NOT_BEFORE))
			.expressionAttributeValues(Map.of(":pending", s(TaskStatus.PENDING.label())))
			.projectionExpression("taskId, #created, #until, #notBefore")
			.scanIndexForward(true)
			.limit(PAGE)
			.exclusiveStartKey(start));
	}

	/** Tasks accepted in the same millisecond queue in id order, as {@link PendingTasks#position} counts them. */
	private static List<Map<String, AttributeValue>> inQueueOrder(List<Map<String, AttributeValue>> items) {
		List<Map<String, AttributeValue>> sorted = new ArrayList<>(items);
		sorted.sort(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("createdAt").s())
			.thenComparing((item) -> item.get("taskId").s()));
		return sorted;
	}

}
