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
 * the counters the transition moves. A take sets the holder; a transition out of Processing removes it in the same
 * write, so the run that held the task can write nothing more.
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
			Fence token) {
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
			Boolean counted, Fence token) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		List<String> sets = new ArrayList<>();
		List<String> removes = new ArrayList<>();
		names.put("#status", "status");
		values.put(":from", s(from.label()));
		values.put(":to", s(to.label()));
		sets.add("#status = :to");
		if (from == TaskStatus.PENDING && to == TaskStatus.PROCESSING && change.startedAt() != null) {
			// an export starts when a worker claims it, first in, first out (QueueClaims): its start is the claim's
			// time, so that starts read in the order the claims were made, whichever node's launch was quicker
			names.put("#startedAt", "startedAt");
			names.put("#claimedAt", QueueClaims.CLAIMED_AT);
			values.put(":startedAt", s(Timestamps.format(change.startedAt())));
			sets.add("#startedAt = if_not_exists(#claimedAt, :startedAt)");
			// the claim's time stays until the task is queued again (it is only read, never removed, here)
			removes.add("#claimUntil");
			removes.add("#notBefore");
			names.put("#claimUntil", QueueClaims.CLAIM_UNTIL);
			names.put("#notBefore", QueueClaims.NOT_BEFORE);
		}
		else {
			set(sets, names, values, "startedAt",
					change.startedAt() != null ? s(Timestamps.format(change.startedAt())) : null);
		}
		if (change.interrupted()) {
			names.put("#interruptions", TaskItems.INTERRUPTIONS);
			values.put(":none", AttributeValue.fromN("0"));
			values.put(":one", AttributeValue.fromN("1"));
			sets.add("#interruptions = if_not_exists(#interruptions, :none) + :one");
		}
		if (to == TaskStatus.PENDING && change.notBefore() != null) {
			set(sets, names, values, QueueClaims.NOT_BEFORE, s(Timestamps.format(change.notBefore())));
		}
		set(sets, names, values, "heartbeatAt",
				change.startedAt() != null ? s(Timestamps.format(change.startedAt())) : null);
		set(sets, names, values, "finishedAt",
				change.finishedAt() != null ? s(Timestamps.format(change.finishedAt())) : null);
		set(sets, names, values, "jobExecutionId", change.jobExecutionId() != null ? n(change.jobExecutionId()) : null);
		if (to == TaskStatus.PROCESSING && change.jobExecutionId() != null) {
			// a take: the run holds the task from this write on
			set(sets, names, values, TaskStore.HOLDER, n(change.jobExecutionId()));
		}
		else if (from == TaskStatus.PROCESSING && to != TaskStatus.PROCESSING) {
			// the hold ends with this write: the run that held it can write nothing more
			removes.add("#holder");
			names.put("#holder", TaskStore.HOLDER);
		}
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
		if (change.released() || change.reopen()) {
			// queued again: its next start is its next claim's
			removes.add("#claimedAt");
			names.put("#claimedAt", QueueClaims.CLAIMED_AT);
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
			names.put("#holder", TaskStore.HOLDER);
			values.put(":token", n(token.token()));
			if (token.handedBack()) {
				names.put("#token", TaskStore.TOKEN);
			}
			condition += " AND " + token.condition();
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
	 * because its hold ended (released, handed back, final) or another run took the task, not because of its status.
	 * @throws RunFencedException when another run, or none, holds it
	 */
	void requireHeldBy(String taskId, long token) {
		requireFence(taskId, Fence.heldBy(token));
	}

	/**
	 * Throws when the fence no longer holds (read consistently).
	 * @throws RunFencedException when another run holds the task, or (unless handed back) none
	 */
	void requireFence(String taskId, Fence fence) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression("#holder, #token")
				.expressionAttributeNames(Map.of("#holder", TaskStore.HOLDER, "#token", TaskStore.TOKEN)))
			.item();
		Long holder = number(item, TaskStore.HOLDER);
		boolean holds = fence.handedBack()
				? holder == null && Long.valueOf(fence.token()).equals(number(item, TaskStore.TOKEN))
				: Long.valueOf(fence.token()).equals(holder);
		if (!holds) {
			throw new RunFencedException(taskId, fence.token(), holder);
		}
	}

	private static Long number(Map<String, AttributeValue> item, String attribute) {
		AttributeValue value = (item == null) ? null : item.get(attribute);
		return (value == null) ? null : Long.valueOf(value.n());
	}

}
