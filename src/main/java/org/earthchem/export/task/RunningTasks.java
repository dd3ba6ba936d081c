package org.earthchem.export.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static org.earthchem.export.task.TaskItems.n;
import static org.earthchem.export.task.TaskItems.s;

/**
 * The takes of running exports: a run takes its task in one conditional write that sets its fencing token (its job
 * execution id, which only grows) and makes the task Processing on its node; from then on it writes through its
 * {@link TaskRun}. A run whose node went silent is released by another node with one conditional write on that
 * run's token.
 */
public class RunningTasks {

	private final TaskStore store;

	RunningTasks(TaskStore store) {
		this.store = store;
	}

	/**
	 * Run {@code token} takes a Pending task on {@code node} (its attempt {@code attempts}).
	 * @return the run, or empty when the task was not Pending
	 */
	public Optional<TaskRun> takePending(String taskId, long token, int attempts, String node) {
		boolean taken = this.store.transition(taskId, TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(this.store.now(), token, attempts, node));
		return taken ? Optional.of(run(taskId, token)) : Optional.empty();
	}

	/**
	 * Run {@code token} takes an export that a stopping node handed back (Processing, run by no node): the same attempt
	 * goes on here.
	 * @return the run, or empty when another node took it first or it is no longer Processing
	 */
	public Optional<TaskRun> takeHandedBack(String taskId, long token, String node) {
		try {
			this.store.dynamoDb().updateItem((r) -> r.tableName(this.store.tableName())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.updateExpression("SET #node = :node, #token = :token, #holder = :token, heartbeatAt = :now")
				.conditionExpression("#status = :processing AND attribute_not_exists(#node) AND "
						+ "attribute_not_exists(#holder) AND (attribute_not_exists(#token) OR #token < :token)")
				.expressionAttributeNames(Map.of("#status", "status", "#node", "node", "#token", TaskStore.TOKEN,
						"#holder", TaskStore.HOLDER))
				.expressionAttributeValues(Map.of(":processing", s(TaskStatus.PROCESSING.label()), ":node", s(node),
						":token", n(token), ":now", s(Timestamps.format(this.store.now())))));
		}
		catch (ConditionalCheckFailedException ex) {
			return Optional.empty();
		}
		TaskRun run = run(taskId, token);
		// the run's first write, conditional on its token like every other
		try {
			run.event(TaskEventType.STATUS_CHANGED, "handed-back export taken on " + node);
		}
		catch (RunFencedException ex) {
			// taken again by another node in between: this run never held it for long
			return Optional.empty();
		}
		return Optional.of(run);
	}

	/** The handle of a run that took its task (for the parts of the run that write to it). */
	public TaskRun run(String taskId, long token) {
		return new TaskRun(this.store, taskId, token);
	}

	/**
	 * Whether a Processing task's run has shown no sign of life for {@code lease}, read consistently from the task
	 * itself (no index that may lag behind it).
	 */
	public boolean isSilent(String taskId, Duration lease) {
		Map<String, AttributeValue> item = this.store.dynamoDb()
			.getItem((r) -> r.tableName(this.store.tableName())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression("#status, heartbeatAt")
				.expressionAttributeNames(Map.of("#status", "status")))
			.item();
		if (item == null || item.isEmpty() || TaskStatus.fromLabel(item.get("status").s()) != TaskStatus.PROCESSING) {
			return false;
		}
		AttributeValue beat = item.get("heartbeatAt");
		return beat == null || Timestamps.parse(beat.s()).isBefore(this.store.now().minus(lease));
	}

	/**
	 * Takes a silent run's task from it: back to Pending for another attempt ({@code retry}), or Failed for good, in
	 * one write conditional on the silent run's hold (or, for an export a stopping node handed back, on no run holding
	 * it): a run that wrote meanwhile, or another node that took it over first, wins. The same write ends the hold, so
	 * the silent run, should it wake, can write nothing more — whether or not another run takes the task.
	 * @param silent the task as read, held by the silent run (or handed back by it: no node)
	 * @return whether this call released it
	 */
	public boolean release(ExportTask silent, TaskError error, boolean retry, String detail) {
		if (silent.jobExecutionId() == null) {
			return false;
		}
		Fence fence = (silent.node() == null) ? Fence.handedBackBy(silent.jobExecutionId())
				: Fence.heldBy(silent.jobExecutionId());
		try {
			if (retry) {
				// the node went silent: an interruption of the export, not a failure of it
				return this.store.transition(silent.taskId(), TaskStatus.PROCESSING, TaskStatus.PENDING,
						TaskChange.interrupted(error), fence,
						List.of(this.store.eventWrite(silent.taskId(), TaskEventType.RETRY_SCHEDULED, detail)));
			}
			return this.store.transition(silent.taskId(), TaskStatus.PROCESSING, TaskStatus.FAILED,
					TaskChange.failed(this.store.now(), error), fence, List.of());
		}
		catch (RunFencedException ex) {
			// another node released it first
			return false;
		}
	}

	/** Now, as the store records it. */
	public Instant now() {
		return this.store.now();
	}

}
