package org.earthchem.export.task;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static org.earthchem.export.task.TaskItems.n;
import static org.earthchem.export.task.TaskItems.s;

/**
 * One run of an export (one job execution) that holds its task: every write it makes to the task — progress,
 * heartbeats, events, hand-back, retry, its final status — is conditional on the task being Processing and held by
 * this run (its {@code holder} is this run's fencing token), so a run that lost its task (released while it was
 * paused, taken over by another node, ended) cannot change it. A refused write throws {@link RunFencedException}.
 */
public final class TaskRun {

	private final TaskStore store;

	private final String taskId;

	private final long token;

	TaskRun(TaskStore store, String taskId, long token) {
		this.store = store;
		this.taskId = taskId;
		this.token = token;
	}

	public String taskId() {
		return this.taskId;
	}

	/** The run's fencing token: its job execution id. */
	public long token() {
		return this.token;
	}

	/**
	 * Records progress while the task is Processing, held by this run, and nobody asked to cancel it.
	 * @return false when the run should stop because a cancel was requested
	 * @throws RunFencedException when the run no longer holds its task (it was released, taken, or ended)
	 */
	public boolean progress(Progress progress) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":rows", n(progress.rowsWritten()));
		String expression = "SET rowsWritten = :rows";
		if (progress.totalRows() != null) {
			values.put(":total", n(progress.totalRows()));
			expression += ", totalRows = :total";
		}
		if (progress.rowsPerSecond() != null) {
			values.put(":speed", AttributeValue.fromN(String.format(Locale.ROOT, "%.1f", progress.rowsPerSecond())));
			expression += ", rowsPerSecond = :speed";
		}
		return update(expression, "attribute_not_exists(cancelRequested)", values);
	}

	/**
	 * Shows that the run is alive, and that it still holds its task: called before each part goes to the bucket, before
	 * the upload is completed or aborted, and before anything of the task is deleted.
	 * @throws RunFencedException when the run no longer holds its task: it must write nothing more, in the bucket
	 * either
	 */
	public void heartbeat() {
		if (!update("SET heartbeatAt = :now", null, new HashMap<>(Map.of(":now", s(Timestamps.format(this.store.now())))))) {
			// held, yet refused: the task left Processing without ending the hold, which no write does
			throw new RunFencedException(this.taskId, this.token, null);
		}
	}

	/** Appends an event to the task's audit trail, if this run still holds the task. */
	public void event(TaskEventType type, String detail) {
		TransactWriteItem held = TransactWriteItem.builder()
			.conditionCheck(ConditionCheck.builder()
				.tableName(this.store.tableName())
				.key(TaskStore.key(this.taskId, TaskTable.TASK_SK))
				.conditionExpression("#status = :processing AND #holder = :token")
				.expressionAttributeNames(Map.of("#status", "status", "#holder", TaskStore.HOLDER))
				.expressionAttributeValues(Map.of(":processing", s(TaskStatus.PROCESSING.label()), ":token",
						n(this.token)))
				.build())
			.build();
		if (!this.store.transact(List.of(held, this.store.eventWrite(this.taskId, type, detail)))) {
			this.store.statusWrites().requireHeldBy(this.taskId, this.token);
		}
	}

	/**
	 * Ends the run with a final status ({@code Succeeded}, {@code Failed}, {@code Cancelled}).
	 * @return false when the task was no longer Processing
	 */
	public boolean finish(TaskStatus to, TaskChange change) {
		return this.store.transition(this.taskId, TaskStatus.PROCESSING, to, change, this.token, List.of());
	}

	/**
	 * Puts the task back to Pending for another attempt, {@code error} the cause while it waits, with a
	 * RETRY_SCHEDULED event saying when — one conditional write: no reader sees a final status on the way. No worker
	 * claims it before {@code backoff} has passed; then it is the oldest in the queue again.
	 * @return false when the task was no longer Processing (or a cancel was asked meanwhile)
	 */
	public boolean retry(TaskError error, java.time.Duration backoff, String detail) {
		return this.store.transition(this.taskId, TaskStatus.PROCESSING, TaskStatus.PENDING,
				TaskChange.retrying(error, this.store.now().plus(backoff)), this.token,
				List.of(this.store.eventWrite(this.taskId, TaskEventType.RETRY_SCHEDULED, detail)));
	}

	/**
	 * A stopping node hands the export back: the task stays Processing, run by no node and held by no run (no
	 * {@code node}, no heartbeat, no holder) until another node takes it and resumes from the last uploaded part. Not
	 * when a cancel was asked.
	 * @return whether it was handed back
	 */
	public boolean handBack(String detail) {
		TransactWriteItem update = TransactWriteItem.builder()
			.update((u) -> u.tableName(this.store.tableName())
				.key(TaskStore.key(this.taskId, TaskTable.TASK_SK))
				.updateExpression("REMOVE #node, heartbeatAt, #holder")
				.conditionExpression("#status = :processing AND #holder = :token AND attribute_not_exists(cancelRequested)")
				.expressionAttributeNames(Map.of("#status", "status", "#node", "node", "#holder", TaskStore.HOLDER))
				.expressionAttributeValues(Map.of(":processing", s(TaskStatus.PROCESSING.label()), ":token", n(this.token))))
			.build();
		if (this.store.transact(List.of(update, this.store.eventWrite(this.taskId, TaskEventType.HANDED_BACK, detail)))) {
			return true;
		}
		this.store.statusWrites().requireHeldBy(this.taskId, this.token);
		return false;
	}

	/** An update of the task while it is Processing and held by this run; false when it left Processing. */
	private boolean update(String expression, String extraCondition, Map<String, AttributeValue> values) {
		values.put(":processing", s(TaskStatus.PROCESSING.label()));
		values.put(":token", n(this.token));
		String condition = "#status = :processing AND #holder = :token"
				+ (extraCondition == null ? "" : " AND " + extraCondition);
		try {
			this.store.dynamoDb().updateItem((r) -> r.tableName(this.store.tableName())
				.key(TaskStore.key(this.taskId, TaskTable.TASK_SK))
				.updateExpression(expression)
				.conditionExpression(condition)
				.expressionAttributeNames(Map.of("#status", "status", "#holder", TaskStore.HOLDER))
				.expressionAttributeValues(values));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			this.store.statusWrites().requireHeldBy(this.taskId, this.token);
			// cancelled, or finished meanwhile: its final state wins
			return false;
		}
	}

	@Override
	public String toString() {
		return "run " + this.token + " of " + this.taskId;
	}

}
