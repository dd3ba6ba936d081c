package org.earthchem.export.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static org.earthchem.export.task.TaskItems.s;

/**
 * A task's audit trail in the task table: one item per event in the task's partition, sorted by
 * {@code EVENT#<time>#<sequence>}, written in the same transaction as the change it records and read oldest first,
 * whole or a page at a time.
 */
final class TaskEventTrail {

	private static final String PREFIX = "EVENT#";

	private static final Pattern SORT_KEY = Pattern
		.compile("EVENT#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#\\d{12,}");

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final AtomicLong sequence = new AtomicLong();

	TaskEventTrail(DynamoDbClient dynamoDb, String table) {
		this.dynamoDb = dynamoDb;
		this.table = table;
	}

	/** The write of one event, for the transaction of the change it records. */
	TransactWriteItem write(String taskId, TaskEventType type, String detail, Instant at) {
		// the sequence keeps events of the same millisecond in the order they happened on this node
		String sortKey = PREFIX + Timestamps.format(at) + "#" + String.format("%012d", this.sequence.incrementAndGet());
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(TaskTable.PK, s(taskId));
		item.put(TaskTable.SK, s(sortKey));
		item.put("at", s(Timestamps.format(at)));
		item.put("type", s(type.name()));
		item.put("detail", s(detail == null ? "" : detail));
		return TransactWriteItem.builder().put(Put.builder().tableName(this.table).item(item).build()).build();
	}

	/** The whole trail, oldest first. */
	List<TaskEvent> all(String taskId) {
		return items(taskId, (r) -> r).stream().map(TaskItems::eventFromItem).toList();
	}

	/** The keys of every event of the task, to delete them. */
	List<Map<String, AttributeValue>> keys(String taskId) {
		return items(taskId, (r) -> r.projectionExpression("#pk, #sk")).stream()
			.map((item) -> Map.of(TaskTable.PK, item.get(TaskTable.PK), TaskTable.SK, item.get(TaskTable.SK)))
			.toList();
	}

	/**
	 * The trail {@code limit} events at a time from {@code cursor} (null for the first page). The cursor is the sort
	 * key of the last event handed out, so a page never repeats an event nor skips one stored before it was read,
	 * however many are added meanwhile. (Keys start with the writing node's clock: an event written later by a node
	 * whose clock is behind by more than the time between the two could sort before a cursor already handed out.)
	 * @throws IllegalArgumentException for a cursor this trail did not hand out
	 */
	TaskEventPage page(String taskId, int limit, String cursor) {
		Map<String, AttributeValue> after = (cursor != null)
				? Map.of(TaskTable.PK, s(taskId), TaskTable.SK, s(decode(cursor))) : null;
		// one more than the page: whether another page follows, without handing out a cursor to an empty one
		List<Map<String, AttributeValue>> items = this.dynamoDb
			.queryPaginator(query(taskId).exclusiveStartKey(after).limit(limit + 1).build())
			.items()
			.stream()
			.limit(limit + 1L)
			.toList();
		List<Map<String, AttributeValue>> page = items.subList(0, Math.min(limit, items.size()));
		String next = (items.size() > limit) ? Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(page.get(page.size() - 1).get(TaskTable.SK).s().getBytes(StandardCharsets.UTF_8)) : null;
		return new TaskEventPage(page.stream().map(TaskItems::eventFromItem).toList(), next);
	}

	private List<Map<String, AttributeValue>> items(String taskId,
			UnaryOperator<QueryRequest.Builder> more) {
		return this.dynamoDb.queryPaginator(more.apply(query(taskId)).build()).items().stream().toList();
	}

	private QueryRequest.Builder query(String taskId) {
		return QueryRequest.builder()
			.tableName(this.table)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :event)")
			.expressionAttributeNames(Map.of("#pk", TaskTable.PK, "#sk", TaskTable.SK))
			.expressionAttributeValues(Map.of(":pk", s(taskId), ":event", s(PREFIX)))
			.consistentRead(true);
	}

	private static String decode(String cursor) {
		String sortKey;
		try {
			sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a cursor of this trail: " + cursor, ex);
		}
		if (!SORT_KEY.matcher(sortKey).matches()) {
			throw new IllegalArgumentException("not a cursor of this trail: " + cursor);
		}
		return sortKey;
	}

}
