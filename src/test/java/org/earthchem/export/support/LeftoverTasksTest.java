package org.earthchem.export.support;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What one test leaves Pending or Processing is ended before the next test starts: it never runs during another. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeftoverTasksTest extends IntegrationTest {

	private static String leftRunning;

	private static String leftPending;

	private static String leftProcessing;

	private final StoredTasks stored = new StoredTasks("leftover-tasks-test-" + UUID.randomUUID());

	@Autowired
	private TaskStore tasks;

	@Autowired
	private PendingTasks queue;

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	@Test
	@Order(1)
	void aTestLeavesAnExportRunningAndTwoStoredTasksActive() {
		// slow enough that the export runs for a while after this test
		stack().proxy().throttle(50_000);
		leftRunning = requestExport(OPERATOR_KEY, "petdb", "columns=sample_id,comments").getBody()
			.path("taskId")
			.asString();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, leftRunning).path("status").asString(), "Processing"::equals);
		leftPending = store().taskId();
		ExportTask processing = store();
		assertThat(this.tasks.transition(processing.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(this.tasks.now(), 0, 1, "gone-node")))
			.isTrue();
		leftProcessing = processing.taskId();
	}

	@Test
	@Order(2)
	void theNextTestFindsThemEndedAndNoneForAReconcilerPassToSend() {
		assertThat(task(OPERATOR_KEY, leftRunning).path("status").asString()).isEqualTo("Cancelled");
		assertThat(this.tasks.find(leftPending).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(this.tasks.find(leftProcessing).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(this.queue.pendingNotQueued(this.tasks.now())).isEmpty();
	}

	private ExportTask store() {
		String queryKey = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"material=rock", queryKey, this.stored.owner(), null, this.tasks.now(), 1500L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.stored.add(task.taskId());
		return task;
	}

}
