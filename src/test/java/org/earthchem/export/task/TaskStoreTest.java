package org.earthchem.export.task;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/** The task table keeps tasks, their allowed transitions and their audit trail, in DynamoDB Local. */
class TaskStoreTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private RunningTasks running;

	// an owner of its own, so these tasks never count against the owners the API tests use
	private final String owner = "task-store-test-" + UUID.randomUUID();

	private final StoredTasks stored = new StoredTasks(this.owner);

	private final ExecutorService racers = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopRacers() throws InterruptedException {
		this.racers.shutdownNow();
		this.racers.awaitTermination(10, TimeUnit.SECONDS);
		this.stored.end(this.tasks);
	}

	private ExportTask newTask() {
		String queryKey = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"material=rock", queryKey, this.owner, "someone@example.org", this.tasks.now(), 42L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.stored.add(task.taskId());
		return task;
	}

	private ExportTask processingTask() {
		ExportTask task = newTask();
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(this.tasks.now(), 42, 1, null)))
			.isTrue();
		return task;
	}

	@Test
	void aCreatedTaskReadsBackAsItWasCreated() {
		ExportTask task = newTask();

		assertThat(this.tasks.find(task.taskId())).contains(task);
	}

	@Test
	void creatingATaskWhoseIdIsTakenReturnsFalseAndKeepsTheFirst() {
		ExportTask task = newTask();
		ExportTask clash = ExportTask.pending(task.taskId(), "petdb", "json", "other=1", task.queryKey(), "someone-else",
				null, this.tasks.now(), null);

		assertThat(StoredTasks.create(this.tasks, clash)).isFalse();
		assertThat(this.tasks.find(task.taskId())).contains(task);
	}

	@Test
	void aTaskThatIsNotPendingCannotBeCreatedAsTheCountersTakeEveryNewTaskAsPending() {
		ExportTask processing = this.tasks.find(processingTask().taskId()).orElseThrow();

		assertThatIllegalArgumentException().isThrownBy(() -> StoredTasks.create(this.tasks, processing))
			.withMessage("a new task is Pending, not Processing");
	}

	@Test
	void anUnknownTaskIsNotFound() {
		assertThat(this.tasks.find("petdb-000000000000-0000000000ZZ")).isEmpty();
	}

	@Test
	void aTransitionRecordsItsChangesAndAStatusChangedEvent() {
		ExportTask task = newTask();

		boolean moved = this.tasks.transition(task.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(task.createdAt().plusMillis(5), 42, 1, null));

		assertThat(moved).isTrue();
		ExportTask stored = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(stored.status()).isEqualTo(TaskStatus.PROCESSING);
		assertThat(stored.startedAt()).isEqualTo(task.createdAt().plusMillis(5));
		assertThat(stored.jobExecutionId()).isEqualTo(42L);
		assertThat(stored.attempts()).isEqualTo(1);
		assertThat(this.tasks.events(task.taskId())).extracting(TaskEvent::type, TaskEvent::detail)
			.containsExactly(tuple(TaskEventType.CREATED, "petdb?material=rock"),
					tuple(TaskEventType.STATUS_CHANGED, "Pending -> Processing"));
	}

	@Test
	void aTransitionFromTheWrongStatusReturnsFalseAndChangesNothing() {
		ExportTask task = newTask();
		List<TaskEvent> eventsBefore = this.tasks.events(task.taskId());

		boolean moved = this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.SUCCEEDED,
				TaskChange.succeeded(this.tasks.now(), List.of(ExportFile.stored("f.csv", 1, 2, "ab", "loc")),
						new Progress(1, 1L)));

		assertThat(moved).isFalse();
		assertThat(this.tasks.find(task.taskId())).contains(task);
		assertThat(this.tasks.events(task.taskId())).isEqualTo(eventsBefore);
	}

	@Test
	void aTransitionTheContractForbidsIsRefusedOutright() {
		ExportTask task = processingTask();
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.SUCCEEDED,
				TaskChange.succeeded(this.tasks.now(), List.of(), new Progress(0, 0L))))
			.isTrue();
		ExportTask succeeded = this.tasks.find(task.taskId()).orElseThrow();

		assertThatIllegalArgumentException().isThrownBy(() -> this.tasks.transition(task.taskId(),
				TaskStatus.SUCCEEDED, TaskStatus.PROCESSING, TaskChange.started(this.tasks.now(), 43, 2, null)));
		assertThat(this.tasks.find(task.taskId())).contains(succeeded);
	}

	@Test
	void ofTwoWritersRacingToFinishTheSameTaskExactlyOneWins() throws Exception {
		for (int round = 0; round < 5; round++) {
			ExportTask task = processingTask();
			CyclicBarrier start = new CyclicBarrier(2);
			CompletableFuture<Boolean> succeed = CompletableFuture.supplyAsync(() -> {
				await(start);
				return this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.SUCCEEDED,
						TaskChange.succeeded(this.tasks.now(), List.of(), new Progress(0, 0L)));
			}, this.racers);
			CompletableFuture<Boolean> cancel = CompletableFuture.supplyAsync(() -> {
				await(start);
				return this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.CANCELLED,
						TaskChange.cancelled(this.tasks.now()));
			}, this.racers);

			boolean succeeded = succeed.get(30, TimeUnit.SECONDS);
			boolean cancelled = cancel.get(30, TimeUnit.SECONDS);

			assertThat(succeeded ^ cancelled).as("exactly one of the two transitions wins").isTrue();
			assertThat(this.tasks.find(task.taskId()).orElseThrow().status())
				.isEqualTo(succeeded ? TaskStatus.SUCCEEDED : TaskStatus.CANCELLED);
			assertThat(this.tasks.events(task.taskId()))
				.filteredOn((event) -> event.detail().startsWith("Processing -> "))
				.singleElement()
				.extracting(TaskEvent::detail)
				.isEqualTo(succeeded ? "Processing -> Succeeded" : "Processing -> Cancelled");
		}
	}

	@Test
	void eventsComeBackOldestFirst() {
		ExportTask task = processingTask();
		for (int i = 1; i <= 25; i++) {
			this.tasks.recordEvent(task.taskId(), TaskEventType.FILE_STORED, "file " + i);
		}
		this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.SUCCEEDED,
				TaskChange.succeeded(this.tasks.now(), List.of(), new Progress(0, 0L)));

		List<TaskEvent> events = this.tasks.events(task.taskId());

		assertThat(events).hasSize(28);
		assertThat(events).extracting(TaskEvent::detail).startsWith("petdb?material=rock", "Pending -> Processing",
				"file 1", "file 2", "file 3").endsWith("file 24", "file 25", "Processing -> Succeeded");
		assertThat(events).extracting(TaskEvent::at).isSorted();
	}

	@Test
	void progressIsRecordedOnlyWhileProcessingAndARunWhoseTaskEndedIsFenced() {
		ExportTask task = processingTask();
		TaskRun run = this.running.run(task.taskId(), 42);
		assertThat(run.progress(new Progress(10, 100L))).isTrue();
		assertThat(this.tasks.find(task.taskId()).orElseThrow().progress()).isEqualTo(new Progress(10, 100L));

		this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.CANCELLED,
				TaskChange.cancelled(this.tasks.now()));
		// the transition ended the run's hold: the run has lost its task
		org.assertj.core.api.Assertions.assertThatExceptionOfType(RunFencedException.class)
			.isThrownBy(() -> run.progress(new Progress(50, 100L)));

		assertThat(this.tasks.find(task.taskId()).orElseThrow().progress()).isEqualTo(new Progress(10, 100L));
	}

	@Test
	void anOwnersActiveTasksAreItsPendingAndProcessingOnesNewestFirst() {
		ExportTask first = newTask();
		ExportTask second = processingTask();
		ExportTask finished = processingTask();
		this.tasks.transition(finished.taskId(), TaskStatus.PROCESSING, TaskStatus.FAILED,
				TaskChange.failed(this.tasks.now(), new TaskError(ErrorCode.SOURCE_UNAVAILABLE, "Try again.")));

		List<ExportTask> active = this.tasks.activeTasksOf(this.owner);

		assertThat(active).extracting(ExportTask::taskId).containsExactlyInAnyOrder(first.taskId(), second.taskId());
		assertThat(active).extracting(ExportTask::createdAt).isSortedAccordingTo(Comparator.reverseOrder());
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
