package org.earthchem.export.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static org.earthchem.export.task.TaskItems.s;

/**
 * New tasks: stored with their CREATED event in one transaction with the counters of the owner's active tasks and of
 * the service's Pending ones (each only below its cap), at most one per identical request while it is active, and
 * taken back when their queue message could not be sent.
 */
public class NewTasks {

	private static final Logger log = LoggerFactory.getLogger(NewTasks.class);

	private final TaskStore store;

	private final TaskTransactions transactions;

	private final NewTaskWrites writes;

	public NewTasks(TaskStore store) {
		this.store = store;
		this.transactions = store.transactions();
		this.writes = new NewTaskWrites(store.table(), store.counts(), store.eventTrail());
	}

	/**
	 * Stores a new task with its CREATED event, in one transaction with the counters of its owner's active tasks and
	 * of the service's Pending tasks, each only while below its cap: two requests racing for the last place cannot
	 * both have it.
	 * @param maxActivePerOwner the most Pending or Processing tasks one owner may have (null: no cap)
	 * @param maxPending the most Pending tasks the service may hold (null: no cap)
	 */
	public TaskCreation create(ExportTask task, Integer maxActivePerOwner, Long maxPending) {
		if (task.status() != TaskStatus.PENDING) {
			// the counters take every new task as Pending
			throw new IllegalArgumentException("a new task is Pending, not " + task.status().label());
		}
		List<String> refused = this.transactions.refusals(this.writes.writes(task, maxActivePerOwner, maxPending, null));
		if (refused.isEmpty()) {
			return TaskCreation.CREATED;
		}
		if (TaskTransactions.CONDITION_FAILED.equals(refused.get(0))) {
			return TaskCreation.ID_TAKEN;
		}
		return TaskTransactions.CONDITION_FAILED.equals(refused.get(2)) ? TaskCreation.OWNER_AT_LIMIT : TaskCreation.SERVICE_AT_LIMIT;
	}

	/**
	 * What came of storing a new task once: created, refused by a cap or a taken id, or not stored because its owner
	 * already has an active task of the same source, query and file type ({@code task}: that one, read consistently; the new one when created).
	 */
	public record Creation(TaskCreation outcome, ExportTask task) {
	}

	/**
	 * Stores a new task as {@link #create(ExportTask, Integer, Long)} does, unless its owner already has an active task
	 * of the same source, query and file type: a marker item per owner and request ({@code pk = TWIN#…}, naming the
	 * task) is put in the same transaction, only when absent or when the task it names is no longer active, so two
	 * identical requests at the same moment cannot both create a task (the index a listing reads is only eventually
	 * consistent, and would let them).
	 */
	public Creation createOnce(ExportTask task, Integer maxActivePerOwner, Long maxPending) {
		String stale = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			List<String> refused = this.transactions.refusals(this.writes.writes(task, maxActivePerOwner, maxPending, this.writes.mark(task, stale)));
			if (refused.isEmpty()) {
				return new Creation(TaskCreation.CREATED, null);
			}
			if (TaskTransactions.CONDITION_FAILED.equals(refused.get(0))) {
				return new Creation(TaskCreation.ID_TAKEN, null);
			}
			if (TaskTransactions.CONDITION_FAILED.equals(refused.get(4))) {
				Map<String, AttributeValue> mark = this.store.dynamoDb()
					.getItem((r) -> r.tableName(this.store.table().name()).key(NewTaskWrites.markKey(task)).consistentRead(true))
					.item();
				String named = (mark == null || !mark.containsKey(NewTaskWrites.MARKED_TASK)) ? null : mark.get(NewTaskWrites.MARKED_TASK).s();
				Optional<ExportTask> twin = (named == null) ? Optional.empty() : this.store.find(named);
				if (twin.isPresent() && twin.get().status().isActive()) {
					return new Creation(TaskCreation.DUPLICATE, twin.get());
				}
				// the mark names a task that finished (or was withdrawn): take it over, unless another request did
				stale = named;
				continue;
			}
			return new Creation(TaskTransactions.CONDITION_FAILED.equals(refused.get(2)) ? TaskCreation.OWNER_AT_LIMIT
					: TaskCreation.SERVICE_AT_LIMIT, null);
		}
		throw new IllegalStateException("could not create task " + task.taskId() + ": its request mark kept changing");
	}

	/**
	 * Takes back a task that was just created but could not be queued (its request is answered 503): the task and its
	 * events are removed, as if it had never been asked for, and it leaves the counters. Only while it is still Pending.
	 * @return false when it is no longer Pending (its message went out after all, and a node took it)
	 */
	public boolean withdraw(String taskId) {
		Map<String, AttributeValue> task = this.store.statusWrites().countingAttributes(taskId);
		if (task == null) {
			return false;
		}
		boolean counted = task.containsKey(ActiveCounts.COUNTED);
		List<TransactWriteItem> writes = new ArrayList<>();
		writes.add(TransactWriteItem.builder()
			.delete(Delete.builder()
				.tableName(this.store.table().name())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.conditionExpression("#status = :pending AND " + StatusWrites.countedCondition(counted))
				.expressionAttributeNames(Map.of("#status", "status", "#counted", ActiveCounts.COUNTED))
				.expressionAttributeValues(Map.of(":pending", s(TaskStatus.PENDING.label())))
				.build())
			.build());
		if (counted) {
			writes.addAll(this.store.counts().forTransition(task.get("owner").s(), TaskStatus.PENDING, TaskStatus.CANCELLED));
		}
		if (!this.store.transact(writes)) {
			return false;
		}
		// the task is gone and the counters let go of it: events left behind by a failure here name no task, and
		// change nothing of what the caller answers
		try {
			this.store.eventTrail().keys(taskId)
				.forEach((key) -> this.store.dynamoDb().deleteItem((r) -> r.tableName(this.store.table().name()).key(key)));
		}
		catch (RuntimeException ex) {
			log.warn("Task {} withdrawn; some of its events were not removed: {}", taskId, ex.getMessage());
		}
		return true;
	}

}
