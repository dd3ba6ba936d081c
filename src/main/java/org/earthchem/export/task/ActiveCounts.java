package org.earthchem.export.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import static org.earthchem.export.task.TaskItems.n;
import static org.earthchem.export.task.TaskItems.s;

/**
 * The counters behind the caps on exports, kept in the task table: one item per owner ({@code pk = OWNER#<owner>},
 * attribute {@code active}: its Pending and Processing tasks) and one for the whole service ({@code pk = QUEUE},
 * attribute {@code pending}: Pending tasks). Neither has the attributes of the indexes, so listings never see them.
 * <p>
 * Why they stay exact: a counter changes only inside the {@code TransactWriteItems} that changes the task's status
 * (creation, every transition into or out of the active set or Pending, the withdrawal of a task that could not be
 * queued), so the status and the count change together or not at all, whatever crashes in between; the
 * transition's condition on the task's status makes a change count once however many writers race. Nothing else
 * removes a task item (retention removes files, not tasks). A task created before the counters existed carries no
 * {@code counted} mark and moves no counter until it enters the active set again, when it is counted from then on.
 */
final class ActiveCounts {

	/** The task item's mark: this task's presence in the active set is in the counters. */
	static final String COUNTED = "counted";

	static final String SK = "COUNTS";

	private static final String ACTIVE = "active";

	private static final String PENDING = "pending";

	private static final String QUEUE_PK = "QUEUE";

	private final DynamoDbClient dynamoDb;

	private final TaskTable table;

	ActiveCounts(DynamoDbClient dynamoDb, TaskTable table) {
		this.dynamoDb = dynamoDb;
		this.table = table;
	}

	/** The owner's counter up by one; with {@code max}, only while it is below (a failed condition refuses). */
	TransactWriteItem ownerEnters(String owner, Integer max) {
		return add(ownerKey(owner), ACTIVE, 1, max);
	}

	TransactWriteItem ownerLeaves(String owner) {
		return add(ownerKey(owner), ACTIVE, -1, null);
	}

	/** The service's Pending counter up by one; with {@code max}, only while it is below. */
	TransactWriteItem pendingEnters(Long max) {
		return add(queueKey(), PENDING, 1, max);
	}

	TransactWriteItem pendingLeaves() {
		return add(queueKey(), PENDING, -1, null);
	}

	/**
	 * The counter changes of a transition of a counted task (or of one that enters the active set, which is counted
	 * from then on): the owner's when it enters or leaves the active set, the service's when it enters or leaves
	 * Pending. Re-entries are never refused: a retry or an operator's restart was admitted when it was created.
	 */
	List<TransactWriteItem> forTransition(String owner, TaskStatus from, TaskStatus to) {
		List<TransactWriteItem> writes = new ArrayList<>(2);
		if (from.isActive() != to.isActive()) {
			writes.add(to.isActive() ? ownerEnters(owner, null) : ownerLeaves(owner));
		}
		if ((from == TaskStatus.PENDING) != (to == TaskStatus.PENDING)) {
			writes.add((to == TaskStatus.PENDING) ? pendingEnters(null) : pendingLeaves());
		}
		return writes;
	}

	/** The owner's Pending and Processing tasks, as counted (read consistently). */
	long active(String owner) {
		return read(ownerKey(owner), ACTIVE);
	}

	/** The service's Pending tasks, as counted (read consistently). */
	long pending() {
		return read(queueKey(), PENDING);
	}

	private long read(Map<String, AttributeValue> key, String attribute) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name()).key(key).consistentRead(true).projectionExpression(attribute))
			.item();
		AttributeValue value = (item != null) ? item.get(attribute) : null;
		return (value != null) ? Long.parseLong(value.n()) : 0;
	}

	private TransactWriteItem add(Map<String, AttributeValue> key, String attribute, long delta, Number max) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":delta", n(delta));
		Update.Builder update = Update.builder()
			.tableName(this.table.name())
			.key(key)
			.updateExpression("ADD #count :delta")
			.expressionAttributeNames(Map.of("#count", attribute));
		if (max != null) {
			values.put(":max", n(max.longValue()));
			update.conditionExpression("attribute_not_exists(#count) OR #count < :max");
		}
		return TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build();
	}

	private static Map<String, AttributeValue> ownerKey(String owner) {
		return Map.of(TaskTable.PK, s("OWNER#" + owner), TaskTable.SK, s(SK));
	}

	private static Map<String, AttributeValue> queueKey() {
		return Map.of(TaskTable.PK, s(QUEUE_PK), TaskTable.SK, s(SK));
	}

}
