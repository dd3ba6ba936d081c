package org.earthchem.export.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static org.earthchem.export.task.TaskItems.s;

/**
 * The writes that store a new task, for {@link TaskStore} to run in one transaction: the task item, its CREATED event,
 * the counters it enters and, for a request that must not create a twin, the request's mark naming the task.
 */
final class NewTaskWrites {

	/** The attribute of a request's mark that names its task. */
	static final String MARKED_TASK = "taskId";

	private final TaskTable table;

	private final ActiveCounts counts;

	private final TaskEventTrail events;

	NewTaskWrites(TaskTable table, ActiveCounts counts, TaskEventTrail events) {
		this.table = table;
		this.counts = counts;
		this.events = events;
	}

	static Map<String, AttributeValue> markKey(ExportTask task) {
		return TaskStore.key("TWIN#" + task.owner() + "#" + task.source() + "#" + task.queryKey() + "#" + task.fileType(), "TWIN");
	}

	/** The request's mark naming this task: when absent, or when it still names {@code stale}. */
	TransactWriteItem mark(ExportTask task, String stale) {
		Map<String, AttributeValue> item = new HashMap<>(markKey(task));
		item.put(MARKED_TASK, s(task.taskId()));
		Put.Builder put = Put.builder().tableName(this.table.name()).item(item);
		if (stale == null) {
			put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TaskTable.PK));
		}
		else {
			put.conditionExpression("attribute_not_exists(#pk) OR #task = :stale")
				.expressionAttributeNames(Map.of("#pk", TaskTable.PK, "#task", MARKED_TASK))
				.expressionAttributeValues(Map.of(":stale", s(stale)));
		}
		return TransactWriteItem.builder().put(put.build()).build();
	}

	/**
	 * The writes that store a new task, in this order (the order of the cancellation reasons): the task item, its
	 * CREATED event, the owner's counter, the service's counter and, when given, the request's mark.
	 */
	List<TransactWriteItem> writes(ExportTask task, Integer maxActivePerOwner, Long maxPending,
			TransactWriteItem mark) {
		if (task.status() != TaskStatus.PENDING) {
			// the counters take every new task as Pending
			throw new IllegalArgumentException("a new task is Pending, not " + task.status().label());
		}
		Map<String, AttributeValue> item = new HashMap<>(TaskItems.toItem(task));
		item.put(ActiveCounts.COUNTED, AttributeValue.fromBool(true));
		Put put = Put.builder()
			.tableName(this.table.name())
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", TaskTable.PK))
			.build();
		List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().put(put).build(),
				this.events.write(task.taskId(), TaskEventType.CREATED, task.source() + "?" + task.query(), task.createdAt()),
				this.counts.ownerEnters(task.owner(), maxActivePerOwner), this.counts.pendingEnters(maxPending)));
		if (mark != null) {
			writes.add(mark);
		}
		return writes;
	}

}
