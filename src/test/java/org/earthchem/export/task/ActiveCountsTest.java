package org.earthchem.export.task;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters behind the caps follow every transition into and out of the active set, in DynamoDB Local. */
class ActiveCountsTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private DynamoDbClient dynamoDb;

	@Autowired
	private TaskTableProperties table;

	// an owner of its own for each test: its count starts at zero
	private final String owner = "active-counts-" + UUID.randomUUID();

	private final List<String> created = new ArrayList<>();

	@AfterEach
	void leaveNothingPending() {
		for (String taskId : this.created) {
			this.tasks.requestCancel(taskId, "test");
		}
	}

	@Test
	void anOwnersCountFollowsCreationStartFailureRetryAndSuccess() {
		List<Long> counts = new ArrayList<>();
		ExportTask task = newTask();
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.PENDING, TaskStatus.PROCESSING, TaskChange.started(this.tasks.now(), 1, 1, null));
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.PROCESSING, TaskStatus.FAILED, TaskChange.failed(this.tasks.now(),
				new TaskError(ErrorCode.SOURCE_UNAVAILABLE, "down")));
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.FAILED, TaskStatus.PENDING, TaskChange.requeued());
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.PENDING, TaskStatus.PROCESSING, TaskChange.started(this.tasks.now(), 2, 2, null));
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.PROCESSING, TaskStatus.SUCCEEDED, TaskChange.succeeded(this.tasks.now(), List.of(),
				new Progress(0, 0L)));
		counts.add(this.tasks.activeCount(this.owner));

		assertThat(counts).containsExactly(1L, 1L, 0L, 1L, 1L, 0L);
	}

	@Test
	void cancellingOrWithdrawingAPendingTaskLowersItsOwnersCount() {
		ExportTask cancelled = newTask();
		ExportTask withdrawn = newTask();
		long before = this.tasks.activeCount(this.owner);

		this.tasks.requestCancel(cancelled.taskId(), "test");
		long afterCancel = this.tasks.activeCount(this.owner);
		assertThat(new NewTasks(this.tasks).withdraw(withdrawn.taskId())).isTrue();

		assertThat(before).isEqualTo(2);
		assertThat(afterCancel).isEqualTo(1);
		assertThat(this.tasks.activeCount(this.owner)).isZero();
	}

	@Test
	void aCreateBeyondTheOwnersCapIsRefusedAndStoresNothing() {
		newTask();
		ExportTask second = pending();

		TaskCreation creation = new NewTasks(this.tasks).create(second, 1, null);

		assertThat(creation).isEqualTo(TaskCreation.OWNER_AT_LIMIT);
		assertThat(this.tasks.find(second.taskId())).isEmpty();
		assertThat(this.tasks.activeCount(this.owner)).isEqualTo(1);
	}

	@Test
	void aRetryIsNeverRefusedByTheCap() {
		ExportTask retried = newTask();
		move(retried, TaskStatus.PENDING, TaskStatus.PROCESSING, TaskChange.started(this.tasks.now(), 1, 1, null));
		move(retried, TaskStatus.PROCESSING, TaskStatus.FAILED, TaskChange.failed(this.tasks.now(),
				new TaskError(ErrorCode.SOURCE_UNAVAILABLE, "down")));
		ExportTask other = pending();
		assertThat(new NewTasks(this.tasks).create(other, 1, null)).isEqualTo(TaskCreation.CREATED);
		this.created.add(other.taskId());

		boolean requeued = this.tasks.transition(retried.taskId(), TaskStatus.FAILED, TaskStatus.PENDING,
				TaskChange.requeued());

		assertThat(requeued).isTrue();
		assertThat(this.tasks.activeCount(this.owner)).isEqualTo(2);
	}

	@Test
	void aTaskStoredBeforeTheCountersMovesNoCounterUntilItIsActiveAgain() {
		ExportTask task = pending();
		// as a version without the counters stored it: no mark, no count
		this.dynamoDb.putItem((r) -> r.tableName(this.table.tableName()).item(TaskItems.toItem(task)));
		this.created.add(task.taskId());
		List<Long> counts = new ArrayList<>();
		move(task, TaskStatus.PENDING, TaskStatus.PROCESSING, TaskChange.started(this.tasks.now(), 1, 1, null));
		move(task, TaskStatus.PROCESSING, TaskStatus.FAILED, TaskChange.failed(this.tasks.now(),
				new TaskError(ErrorCode.SOURCE_UNAVAILABLE, "down")));
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.FAILED, TaskStatus.PENDING, TaskChange.requeued());
		counts.add(this.tasks.activeCount(this.owner));
		move(task, TaskStatus.PENDING, TaskStatus.CANCELLED, TaskChange.cancelled(this.tasks.now()));
		counts.add(this.tasks.activeCount(this.owner));

		assertThat(counts).containsExactly(0L, 1L, 0L);
	}

	private void move(ExportTask task, TaskStatus from, TaskStatus to, TaskChange change) {
		assertThat(this.tasks.transition(task.taskId(), from, to, change)).as(from + " -> " + to).isTrue();
	}

	private ExportTask newTask() {
		ExportTask task = pending();
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.created.add(task.taskId());
		return task;
	}

	private ExportTask pending() {
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		return ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv", "q=" + queryKey,
				queryKey, this.owner, null, this.tasks.now(), 10L);
	}

}
