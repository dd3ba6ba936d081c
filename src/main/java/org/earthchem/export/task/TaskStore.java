package org.earthchem.export.task;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import static org.earthchem.export.task.TaskItems.n;
import static org.earthchem.export.task.TaskItems.s;

/**
 * Tasks and their audit trail in DynamoDB. Every status change is a conditional write in one transaction with its
 * event, so only the allowed transitions happen and two racing writers cannot both win.
 */
public class TaskStore {

	private static final Logger log = LoggerFactory.getLogger(TaskStore.class);

	private final DynamoDbClient dynamoDb;

	private final TaskTable table;

	private final Clock clock;

	private final ActiveCounts counts;

	private final TaskEventTrail events;

	private final TaskTransactions transactions;

	private final StatusWrites statusWrites;

	/**
	 * The task's latest job execution: the fencing token of the run that took it last, set by the conditional write
	 * that makes a run take it (execution ids only grow, in the job repository every node shares). It stays after the
	 * run's hold ends, to name the execution an operator restarts.
	 */
	static final String TOKEN = "jobExecutionId";

	/**
	 * The token of the run that holds the task now: set with {@link #TOKEN} by a take, removed by the write that ends
	 * the hold (release, hand-back, retry, final status). Every write of a run is conditional on it, so between a
	 * release and the next take no run can write.
	 */
	static final String HOLDER = "holder";

	TaskStore(DynamoDbClient dynamoDb, TaskTable table, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
		this.counts = new ActiveCounts(dynamoDb, table);
		this.events = new TaskEventTrail(dynamoDb, table.name());
		this.statusWrites = new StatusWrites(dynamoDb, table, this.counts);
		this.transactions = new TaskTransactions(dynamoDb);
	}

	/** The task table's name, for the queue's own queries of the {@code by-status} index. */
	String tableName() {
		return this.table.name();
	}

	/** The key of a task's item. */
	Map<String, AttributeValue> taskKey(String taskId) {
		return key(taskId, TaskTable.TASK_SK);
	}

	/** A task from its item, as a query of the table or of an index returns it. */
	ExportTask taskFromItem(Map<String, AttributeValue> item) {
		return TaskItems.fromItem(item);
	}

	/** Now, as the store records it (milliseconds). */
	public Instant now() {
		return Timestamps.truncate(this.clock.instant());
	}

	/** The owner's Pending and Processing tasks as counted for the cap (read consistently; no index involved). */
	public long activeCount(String owner) {
		return this.counts.active(owner);
	}

	/** The service's Pending tasks as counted for the cap (read consistently; no index involved). */
	public long pendingCount() {
		return this.counts.pending();
	}

	/** The task, if it exists. */
	public Optional<ExportTask> find(String taskId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name()).key(key(taskId, TaskTable.TASK_SK)).consistentRead(true))
			.item();
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(TaskItems.fromItem(item));
	}

	/**
	 * Moves a task from one status to another, with its STATUS_CHANGED event, only if it is still in {@code from}.
	 * @return false when the task was not in {@code from} (someone else moved it first)
	 * @throws IllegalArgumentException when the transition is not allowed at all
	 */
	public boolean transition(String taskId, TaskStatus from, TaskStatus to, TaskChange change) {
		return transition(taskId, from, to, change, (Fence) null, List.of());
	}

	/**
	 * A transition as above that, with a {@code token}, happens only while the task is still held by that run (its
	 * fencing token), with further events of the run in the same transaction.
	 * @throws RunFencedException when another run holds the task now
	 */
	boolean transition(String taskId, TaskStatus from, TaskStatus to, TaskChange change, Long token,
			List<TransactWriteItem> events) {
		return transition(taskId, from, to, change, (token == null) ? null : Fence.heldBy(token), events);
	}

	/**
	 * A transition as above, fenced as {@code fence} says: while run {@code token} holds the task, or, for a task a
	 * stopping node handed back, while no run holds it and its latest run is {@code token}.
	 * @throws RunFencedException when the fence does not hold
	 */
	boolean transition(String taskId, TaskStatus from, TaskStatus to, TaskChange change, Fence fence,
			List<TransactWriteItem> events) {
		if (!from.canMoveTo(to)) {
			throw new IllegalArgumentException("a task cannot go from " + from.label() + " to " + to.label());
		}
		String detail = from.label() + " -> " + to.label() + (change.node() != null ? " on " + change.node() : "");
		List<TransactWriteItem> writes = this.statusWrites.change(taskId, from, to, change, fence);
		if (writes == null) {
			return false;
		}
		writes.add(this.events.write(taskId, TaskEventType.STATUS_CHANGED, detail, now()));
		writes.addAll(events);
		boolean moved = transact(writes);
		if (moved) {
			log.info("Task {} {} -> {}", taskId, from.label(), to.label());
		}
		else if (fence != null) {
			this.statusWrites.requireFence(taskId, fence);
		}
		return moved;
	}

	/** The write of an event, for a transaction of the caller's. */
	TransactWriteItem eventWrite(String taskId, TaskEventType type, String detail) {
		return this.events.write(taskId, type, detail, now());
	}

	DynamoDbClient dynamoDb() {
		return this.dynamoDb;
	}

	/**
	 * Asks for a task to be cancelled: a Pending one becomes Cancelled at once (and never starts); a Processing
	 * one is marked, and its job stops at its next check wherever it runs. Both leave a CANCEL_REQUESTED event.
	 * @return the task as it stands afterwards, or empty when it does not exist
	 */
	public Optional<ExportTask> requestCancel(String taskId, String by) {
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<ExportTask> found = find(taskId);
			if (found.isEmpty()) {
				return found;
			}
			ExportTask task = found.get();
			boolean done = switch (task.status()) {
				case PENDING -> cancelPending(taskId, by);
				case PROCESSING -> transact(List.of(
						this.events.write(taskId, TaskEventType.CANCEL_REQUESTED, "by " + by, now()),
						TransactWriteItem.builder()
							.update(Update.builder()
								.tableName(this.table.name())
								.key(key(taskId, TaskTable.TASK_SK))
								.updateExpression("SET cancelRequested = :true")
								.conditionExpression("#status = :processing")
								.expressionAttributeNames(Map.of("#status", "status"))
								.expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":processing",
										s(TaskStatus.PROCESSING.label())))
								.build())
							.build()));
				default -> true;
			};
			if (done) {
				return find(taskId);
			}
			// the task moved on between the read and the write: look again
		}
		return find(taskId);
	}

	private boolean cancelPending(String taskId, String by) {
		List<TransactWriteItem> writes = new ArrayList<>();
		writes.add(this.events.write(taskId, TaskEventType.CANCEL_REQUESTED, "by " + by, now()));
		List<TransactWriteItem> change = this.statusWrites.change(taskId, TaskStatus.PENDING, TaskStatus.CANCELLED,
				TaskChange.cancelled(now()), null);
		if (change == null) {
			return true;
		}
		writes.addAll(change);
		writes.add(this.events.write(taskId, TaskEventType.STATUS_CHANGED, "Pending -> Cancelled", now()));
		return transact(writes);
	}

	/**
	 * Replaces the files of a Succeeded task (new links, files removed by retention), with an event, only while it is
	 * still Succeeded and its files are still those that were read.
	 * @return false when the task is no longer Succeeded
	 */
	public boolean updateFiles(String taskId, List<ExportFile> files, TaskEventType type, String detail) {
		TransactWriteItem update = TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table.name())
				.key(key(taskId, TaskTable.TASK_SK))
				.updateExpression("SET #files = :files")
				.conditionExpression("#status = :succeeded")
				.expressionAttributeNames(Map.of("#status", "status", "#files", "files"))
				.expressionAttributeValues(Map.of(":files", TaskItems.files(files), ":succeeded",
						s(TaskStatus.SUCCEEDED.label())))
				.build())
			.build();
		return transact(List.of(update, this.events.write(taskId, type, detail, now())));
	}

	/** Whether somebody asked for this task to be cancelled (read consistently, for checks between uploads). */
	public boolean isCancelRequested(String taskId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name())
				.key(key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression("cancelRequested, #status")
				.expressionAttributeNames(Map.of("#status", "status")))
			.item();
		if (item == null || item.isEmpty()) {
			return true;
		}
		AttributeValue requested = item.get("cancelRequested");
		return (requested != null && Boolean.TRUE.equals(requested.bool()))
				|| TaskStatus.fromLabel(item.get("status").s()) == TaskStatus.CANCELLED;
	}

	/** Succeeded tasks created before {@code before}, oldest first (retention looks among them). */
	public List<ExportTask> succeededCreatedBefore(Instant before) {
		return queryAll((r) -> r.indexName(TaskTable.BY_STATUS)
			.keyConditionExpression("#status = :succeeded AND #created < :before")
			.expressionAttributeNames(Map.of("#status", "status", "#created", "createdAt"))
			.expressionAttributeValues(Map.of(":succeeded", s(TaskStatus.SUCCEEDED.label()), ":before",
					s(Timestamps.format(before))))
			.scanIndexForward(true)).stream().map(TaskItems::fromItem).toList();
	}

	/**
	 * Appends an event to a task's audit trail.
	 * @return the event's key in the trail, for {@link #recountEvent}
	 */
	public String recordEvent(String taskId, TaskEventType type, String detail) {
		TransactWriteItem write = this.events.write(taskId, type, detail, now());
		this.dynamoDb.putItem((r) -> r.tableName(this.table.name()).item(write.put().item()));
		return write.put().item().get(TaskTable.SK).s();
	}

	/**
	 * Rewrites the detail of an event as the {@code times}-th of its kind (repeated downloads of one file are one event
	 * with a count), unless a later count was written already (two nodes or threads counting at once).
	 */
	public void recountEvent(String taskId, String eventKey, int times, String detail) {
		try {
			this.dynamoDb.updateItem((r) -> r.tableName(this.table.name())
				.key(key(taskId, eventKey))
				.updateExpression("SET #times = :times, #detail = :detail")
				.conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#times) OR #times < :times)")
				.expressionAttributeNames(Map.of("#times", "times", "#detail", "detail", "#pk", TaskTable.PK))
				.expressionAttributeValues(Map.of(":times", n(times), ":detail", s(detail))));
		}
		catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException ex) {
			// a later count is there already
		}
	}

	/** A task's audit trail, oldest first. */
	public List<TaskEvent> events(String taskId) {
		return this.events.all(taskId);
	}

	/**
	 * A task's audit trail, oldest first, {@code limit} events at a time from {@code cursor} (null for the first page).
	 * @throws IllegalArgumentException for a cursor this trail did not hand out
	 */
	public TaskEventPage events(String taskId, int limit, String cursor) {
		return this.events.page(taskId, limit, cursor);
	}

	/**
	 * Tasks newest first: one owner's, or every owner's when {@code owner} is null, optionally of one status and
	 * source, {@code limit} at a time from {@code cursor} (null for the first page).
	 * @throws IllegalArgumentException for a cursor this listing did not hand out
	 */
	public TaskPage list(String owner, TaskStatus status, String source, int limit, String cursor) {
		return new TaskListing(this.dynamoDb, this.table.name()).list(owner, status, source, limit, cursor);
	}

	/** An owner's active (Pending or Processing) task for the same source, query, file type and compression. */
	public Optional<ExportTask> findActive(String owner, String source, String queryKey, String fileType,
			String compression) {
		return activeTasksOf(owner).stream()
			.filter((task) -> task.source().equals(source) && task.queryKey().equals(queryKey)
					&& task.fileType().equals(fileType) && task.compression().equals(compression))
			.findFirst();
	}

	/** An owner's Pending and Processing tasks, newest first. */
	public List<ExportTask> activeTasksOf(String owner) {
		return queryAll((r) -> r.indexName(TaskTable.BY_OWNER)
			.keyConditionExpression("#owner = :owner")
			.filterExpression("#status IN (:pending, :processing)")
			.expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
			.expressionAttributeValues(Map.of(":owner", s(owner), ":pending", s(TaskStatus.PENDING.label()),
					":processing", s(TaskStatus.PROCESSING.label())))
			.scanIndexForward(false)).stream().map(TaskItems::fromItem).toList();
	}

	/** Every item a query matches, across DynamoDB's pages (the SDK's paginator fetches them as they are read). */
	private List<Map<String, AttributeValue>> queryAll(Consumer<QueryRequest.Builder> query) {
		return this.dynamoDb.queryPaginator((r) -> query.accept(r.tableName(this.table.name()))).items().stream().toList();
	}

	/** Runs the writes as one transaction; false when a condition refused it. */
	boolean transact(List<TransactWriteItem> writes) {
		return this.transactions.refusals(writes).isEmpty();
	}

	TaskTransactions transactions() {
		return this.transactions;
	}

	TaskEventTrail eventTrail() {
		return this.events;
	}

	ActiveCounts counts() {
		return this.counts;
	}

	StatusWrites statusWrites() {
		return this.statusWrites;
	}

	TaskTable table() {
		return this.table;
	}

	static Map<String, AttributeValue> key(String taskId, String sortKey) {
		return Map.of(TaskTable.PK, s(taskId), TaskTable.SK, s(sortKey));
	}

}
