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
 * The writes of a status transition, for {@link TaskStore} to run in one transaction with its event: the conditional
 * update of the task item (only from the status it is in, only while the run with the fencing token holds it) and
 * the counters the transition moves.
 */
final class StatusWrites {

	private final DynamoDbClient dynamoDb;

	private final TaskTable table;

	private final ActiveCounts counts;

	StatusWrites(DynamoDbClient dynamoDb, TaskTable table, ActiveCounts counts) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.counts = counts;
	}

	/**
	 * The writes of a status transition: the conditional update of the task (only if it is still in {@code from}) and
	 * the counters it moves; null when the task does not exist.
	 */
	List<TransactWriteItem> change(String taskId, TaskStatus from, TaskStatus to, TaskChange change,
			Long token) {
		boolean entering = !from.isActive() && to.isActive();
		boolean movesCounters = from.isActive() != to.isActive()
				|| (from == TaskStatus.PENDING) != (to == TaskStatus.PENDING);
		List<TransactWriteItem> writes = new ArrayList<>(4);
		if (!movesCounters) {
			writes.add(statusUpdate(taskId, from, to, change, null, token));
			return writes;
		}
		// the owner never changes; whether the task is counted changes only when it enters the active set, which the
		// condition on the status (and on the mark) excludes from happening between this read and the write
		Map<String, AttributeValue> task = countingAttributes(taskId);
		if (task == null) {
			return null;
		}
		boolean counted = task.containsKey(ActiveCounts.COUNTED);
		writes.add(statusUpdate(taskId, from, to, change, entering ? null : counted, token));
		if (counted || entering) {
			writes.addAll(this.counts.forTransition(task.get("owner").s(), from, to));
		}
		return writes;
	}

	/** The task item's owner and counted mark, read consistently; null when there is no such task. */
	Map<String, AttributeValue> countingAttributes(String taskId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression("#owner, #counted")
				.expressionAttributeNames(Map.of("#owner", "owner", "#counted", ActiveCounts.COUNTED)))
			.item();
		return (item == null || item.isEmpty()) ? null : item;
	}

	static String countedCondition(boolean counted) {
		return counted ? "attribute_exists(#counted)" : "attribute_not_exists(#counted)";
	}

	/**
	 * The conditional update of a status transition: only if the task is still in {@code from} and, unless
	 * {@code counted} is null, still counted or not as read. A task entering the active set is marked counted.
	 */
	private TransactWriteItem statusUpdate(String taskId, TaskStatus from, TaskStatus to, TaskChange change,
			Boolean counted, Long token) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		List<String> sets = new ArrayList<>();
		List<String> removes = new ArrayList<>();
		names.put("#status", "status");
		values.put(":from", s(from.label()));
		values.put(":to", s(to.label()));
		sets.add("#status = :to");
		set(sets, names, values, "startedAt", change.startedAt() != null ? s(Timestamps.format(change.startedAt())) : null);
		set(sets, names, values, "heartbeatAt",
				change.startedAt() != null ? s(Timestamps.format(change.startedAt())) : null);
		set(sets, names, values, "finishedAt",
				change.finishedAt() != null ? s(Timestamps.format(change.finishedAt())) : null);
		set(sets, names, values, "jobExecutionId", change.jobExecutionId() != null ? n(change.jobExecutionId()) : null);
		set(sets, names, values, "attempts", change.attempts() != null ? n(change.attempts()) : null);
		set(sets, names, values, "node", change.node() != null ? s(change.node()) : null);
		if (change.error() != null) {
			set(sets, names, values, "errorCode", s(change.error().code().name()));
			set(sets, names, values, "errorMessage", s(change.error().message()));
		}
		if (change.files() != null) {
			set(sets, names, values, "files", TaskItems.files(change.files()));
		}
		if (change.progress() != null) {
			set(sets, names, values, "rowsWritten", n(change.progress().rowsWritten()));
			if (change.progress().totalRows() != null) {
				set(sets, names, values, "totalRows", n(change.progress().totalRows()));
			}
		}
		if (change.startedAt() != null) {
			// the speed of an earlier attempt says nothing of this one, nor its cause of failure
			removes.add("rowsPerSecond");
			if (change.error() == null) {
				removes.add("errorCode");
				removes.add("errorMessage");
			}
		}
		if (change.released()) {
			// back in the queue: no node runs it and nothing beats for it
			removes.add("#node");
			names.put("#node", "node");
			removes.add("heartbeatAt");
			removes.add("rowsPerSecond");
		}
		if (change.reopen()) {
			removes.add("finishedAt");
			removes.add("errorCode");
			removes.add("errorMessage");
			removes.add("cancelRequested");
		}
		if (!from.isActive() && to.isActive()) {
			set(sets, names, values, ActiveCounts.COUNTED, AttributeValue.fromBool(true));
		}
		String condition = "#status = :from";
		if (counted != null) {
			names.put("#counted", ActiveCounts.COUNTED);
			condition += " AND " + countedCondition(counted);
		}
		if (token != null) {
			names.put("#token", TaskStore.TOKEN);
			values.put(":token", n(token));
			condition += " AND #token = :token";
		}
		String expression = "SET " + String.join(", ", sets)
				+ (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
		return TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table.name())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.updateExpression(expression)
				.conditionExpression(condition)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.build())
			.build();
	}

	private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
			String attribute, AttributeValue value) {
		if (value != null) {
			names.put("#" + attribute, attribute);
			values.put(":" + attribute, value);
			sets.add("#" + attribute + " = :" + attribute);
		}
	}

	/**
	 * Throws when the task is no longer held by run {@code token} (read consistently): a write of that run was refused
	 * because another run took the task, not because of its status.
	 * @throws RunFencedException when another run (or none) holds it
	 */
	void requireHeldBy(String taskId, long token) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression(TaskStore.TOKEN))
			.item();
		AttributeValue current = (item == null) ? null : item.get(TaskStore.TOKEN);
		Long held = (current == null) ? null : Long.valueOf(current.n());
		if (held == null || held != token) {
			throw new RunFencedException(taskId, token, held);
		}
	}

}
