package org.earthchem.export.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

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

	private final RetryTemplate conflictRetries;

	/** The index of task items by status ({@code status}, {@code createdAt}): the queue in creation order. */
	public static final String BY_STATUS_INDEX = TaskTable.BY_STATUS;

	private static final String CONDITION_FAILED = "ConditionalCheckFailed";

	/**
	 * The fencing token: the job execution that holds the task, set by the conditional write that makes a run take it
	 * (execution ids only grow, in the job repository every node shares).
	 */
	static final String TOKEN = "jobExecutionId";

	TaskStore(DynamoDbClient dynamoDb, TaskTable table, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
		this.counts = new ActiveCounts(dynamoDb, table);
		this.events = new TaskEventTrail(dynamoDb, table.name());
		this.conflictRetries = new RetryTemplate(RetryPolicy.builder()
			.predicate(TaskStore::isConflict)
			.maxRetries(10)
			.delay(Duration.ofMillis(10))
			.jitter(Duration.ofMillis(10))
			.multiplier(2)
			.maxDelay(Duration.ofMillis(500))
			.build());
	}

	/** The task table's name, for the queue's own queries of the {@code by-status} index. */
	public String tableName() {
		return this.table.name();
	}

	/** The key of a task's item. */
	public Map<String, AttributeValue> taskKey(String taskId) {
		return key(taskId, TaskTable.TASK_SK);
	}

	/** A task from its item, as a query of the table or of an index returns it. */
	public ExportTask taskFromItem(Map<String, AttributeValue> item) {
		return TaskItems.fromItem(item);
	}

	/** Now, as the store records it (milliseconds). */
	public Instant now() {
		return Timestamps.truncate(this.clock.instant());
	}

	/**
	 * Stores a new task with its CREATED event, counted among its owner's active tasks and the service's Pending ones
	 * (see {@link ActiveCounts}), with no cap: for tasks put in place directly.
	 * @return false when the id is already taken
	 */
	public boolean create(ExportTask task) {
		return create(task, null, null) == TaskCreation.CREATED;
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
		List<String> refused = refusals(creation(task, maxActivePerOwner, maxPending, null));
		if (refused.isEmpty()) {
			return TaskCreation.CREATED;
		}
		if (CONDITION_FAILED.equals(refused.get(0))) {
			return TaskCreation.ID_TAKEN;
		}
		return CONDITION_FAILED.equals(refused.get(2)) ? TaskCreation.OWNER_AT_LIMIT : TaskCreation.SERVICE_AT_LIMIT;
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
			List<String> refused = refusals(creation(task, maxActivePerOwner, maxPending, twinMark(task, stale)));
			if (refused.isEmpty()) {
				return new Creation(TaskCreation.CREATED, null);
			}
			if (CONDITION_FAILED.equals(refused.get(0))) {
				return new Creation(TaskCreation.ID_TAKEN, null);
			}
			if (CONDITION_FAILED.equals(refused.get(4))) {
				Map<String, AttributeValue> mark = this.dynamoDb
					.getItem((r) -> r.tableName(this.table.name()).key(twinKey(task)).consistentRead(true))
					.item();
				String named = (mark == null || !mark.containsKey(TWIN_TASK)) ? null : mark.get(TWIN_TASK).s();
				Optional<ExportTask> twin = (named == null) ? Optional.empty() : find(named);
				if (twin.isPresent() && twin.get().status().isActive()) {
					return new Creation(TaskCreation.DUPLICATE, twin.get());
				}
				// the mark names a task that finished (or was withdrawn): take it over, unless another request did
				stale = named;
				continue;
			}
			return new Creation(CONDITION_FAILED.equals(refused.get(2)) ? TaskCreation.OWNER_AT_LIMIT
					: TaskCreation.SERVICE_AT_LIMIT, null);
		}
		throw new IllegalStateException("could not create task " + task.taskId() + ": its request mark kept changing");
	}

	private static final String TWIN_TASK = "taskId";

	private static Map<String, AttributeValue> twinKey(ExportTask task) {
		return key("TWIN#" + task.owner() + "#" + task.source() + "#" + task.queryKey() + "#" + task.fileType(), "TWIN");
	}

	/** The request's mark naming this task: when absent, or when it still names {@code stale}. */
	private TransactWriteItem twinMark(ExportTask task, String stale) {
		Map<String, AttributeValue> item = new HashMap<>(twinKey(task));
		item.put(TWIN_TASK, s(task.taskId()));
		Put.Builder put = Put.builder().tableName(this.table.name()).item(item);
		if (stale == null) {
			put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TaskTable.PK));
		}
		else {
			put.conditionExpression("attribute_not_exists(#pk) OR #task = :stale")
				.expressionAttributeNames(Map.of("#pk", TaskTable.PK, "#task", TWIN_TASK))
				.expressionAttributeValues(Map.of(":stale", s(stale)));
		}
		return TransactWriteItem.builder().put(put.build()).build();
	}

	/**
	 * The writes that store a new task, in this order (the order of the cancellation reasons): the task item, its
	 * CREATED event, the owner's counter, the service's counter and, when given, the request's mark.
	 */
	private List<TransactWriteItem> creation(ExportTask task, Integer maxActivePerOwner, Long maxPending,
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

	/** The owner's Pending and Processing tasks as counted for the cap (read consistently; no index involved). */
	public long activeCount(String owner) {
		return this.counts.active(owner);
	}

	/** The service's Pending tasks as counted for the cap (read consistently; no index involved). */
	public long pendingCount() {
		return this.counts.pending();
	}

	/**
	 * Takes back a task that was just created but could not be queued (its request is answered 503): the task and its
	 * events are removed, as if it had never been asked for, and it leaves the counters. Only while it is still Pending.
	 * @return false when it is no longer Pending (its message went out after all, and a node took it)
	 */
	public boolean withdraw(String taskId) {
		Map<String, AttributeValue> task = countingAttributes(taskId);
		if (task == null) {
			return false;
		}
		boolean counted = task.containsKey(ActiveCounts.COUNTED);
		List<TransactWriteItem> writes = new ArrayList<>();
		writes.add(TransactWriteItem.builder()
			.delete(Delete.builder()
				.tableName(this.table.name())
				.key(key(taskId, TaskTable.TASK_SK))
				.conditionExpression("#status = :pending AND " + countedCondition(counted))
				.expressionAttributeNames(Map.of("#status", "status", "#counted", ActiveCounts.COUNTED))
				.expressionAttributeValues(Map.of(":pending", s(TaskStatus.PENDING.label())))
				.build())
			.build());
		if (counted) {
			writes.addAll(this.counts.forTransition(task.get("owner").s(), TaskStatus.PENDING, TaskStatus.CANCELLED));
		}
		if (!transact(writes)) {
			return false;
		}
		// the task is gone and the counters let go of it: events left behind by a failure here name no task, and
		// change nothing of what the caller answers
		try {
			this.events.keys(taskId)
				.forEach((key) -> this.dynamoDb.deleteItem((r) -> r.tableName(this.table.name()).key(key)));
		}
		catch (RuntimeException ex) {
			log.warn("Task {} withdrawn; some of its events were not removed: {}", taskId, ex.getMessage());
		}
		return true;
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
		return transition(taskId, from, to, change, null, List.of());
	}

	/**
	 * A transition as above that, with a {@code token}, happens only while the task is still held by that run (its
	 * fencing token), with further events of the run in the same transaction.
	 * @throws RunFencedException when another run holds the task now
	 */
	boolean transition(String taskId, TaskStatus from, TaskStatus to, TaskChange change, Long token,
			List<TransactWriteItem> events) {
		if (!from.canMoveTo(to)) {
			throw new IllegalArgumentException("a task cannot go from " + from.label() + " to " + to.label());
		}
		String detail = from.label() + " -> " + to.label() + (change.node() != null ? " on " + change.node() : "");
		List<TransactWriteItem> writes = statusChange(taskId, from, to, change, token);
		if (writes == null) {
			return false;
		}
		writes.add(this.events.write(taskId, TaskEventType.STATUS_CHANGED, detail, now()));
		writes.addAll(events);
		boolean moved = transact(writes);
		if (moved) {
			log.info("Task {} {} -> {}", taskId, from.label(), to.label());
		}
		else if (token != null) {
			requireHeldBy(taskId, token);
		}
		return moved;
	}

	/**
	 * Throws when the task is no longer held by run {@code token} (read consistently): a write of that run was refused
	 * because another run took the task, not because of its status.
	 * @throws RunFencedException when another run (or none) holds it
	 */
	void requireHeldBy(String taskId, long token) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name())
				.key(key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression(TOKEN))
			.item();
		AttributeValue current = (item == null) ? null : item.get(TOKEN);
		Long held = (current == null) ? null : Long.valueOf(current.n());
		if (held == null || held != token) {
			throw new RunFencedException(taskId, token, held);
		}
	}

	/** The write of an event, for a transaction of the caller's. */
	TransactWriteItem eventWrite(String taskId, TaskEventType type, String detail) {
		return this.events.write(taskId, type, detail, now());
	}

	DynamoDbClient dynamoDb() {
		return this.dynamoDb;
	}

	/**
	 * The writes of a status transition: the conditional update of the task (only if it is still in {@code from}) and
	 * the counters it moves; null when the task does not exist.
	 */
	private List<TransactWriteItem> statusChange(String taskId, TaskStatus from, TaskStatus to, TaskChange change,
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
	private Map<String, AttributeValue> countingAttributes(String taskId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table.name())
				.key(key(taskId, TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression("#owner, #counted")
				.expressionAttributeNames(Map.of("#owner", "owner", "#counted", ActiveCounts.COUNTED)))
			.item();
		return (item == null || item.isEmpty()) ? null : item;
	}

	private static String countedCondition(boolean counted) {
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
			names.put("#token", TOKEN);
			values.put(":token", n(token));
			condition += " AND #token = :token";
		}
		String expression = "SET " + String.join(", ", sets)
				+ (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
		return TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table.name())
				.key(key(taskId, TaskTable.TASK_SK))
				.updateExpression(expression)
				.conditionExpression(condition)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.build())
			.build();
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
		List<TransactWriteItem> change = statusChange(taskId, TaskStatus.PENDING, TaskStatus.CANCELLED,
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
		return refusals(writes).isEmpty();
	}

	/**
	 * Runs the writes as one transaction, again after a short wait when it collided with another transaction on the
	 * same items (the counters are shared by every request).
	 * @return nothing when done; else each write's cancellation reason code, in the order of the writes
	 */
	private List<String> refusals(List<TransactWriteItem> writes) {
		try {
			return this.conflictRetries.execute(() -> {
				try {
					this.dynamoDb.transactWriteItems((r) -> r.transactItems(writes));
					return List.<String>of();
				}
				catch (TransactionCanceledException ex) {
					List<String> reasons = ex.cancellationReasons().stream().map(CancellationReason::code).toList();
					if (reasons.contains(CONDITION_FAILED)) {
						return reasons;
					}
					throw ex;
				}
			});
		}
		catch (RetryException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex);
		}
	}

	private static boolean isConflict(Throwable failure) {
		return failure instanceof TransactionCanceledException canceled && canceled.hasCancellationReasons()
				&& canceled.cancellationReasons().stream().map(CancellationReason::code).anyMatch("TransactionConflict"::equals);
	}

	private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
			String attribute, AttributeValue value) {
		if (value != null) {
			names.put("#" + attribute, attribute);
			values.put(":" + attribute, value);
			sets.add("#" + attribute + " = :" + attribute);
		}
	}

	static Map<String, AttributeValue> key(String taskId, String sortKey) {
		return Map.of(TaskTable.PK, s(taskId), TaskTable.SK, s(sortKey));
	}

}
