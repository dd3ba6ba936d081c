package org.earthchem.export.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.job.run.ExportWorker;
import org.earthchem.export.job.run.RunOutcome;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No task is lost or stuck: a task recorded without a message is queued later, a dead node's task is taken over when its
 * message comes back.
 */
class QueueRecoveryTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private PendingTasks waiting;

	@Autowired
	private QueueReconciler reconciler;

	@Autowired
	private ExportQueue queue;

	@Autowired
	private ExportWorker worker;

	@Autowired
	private JobRepository jobRepository;

	// an owner of its own (the operator's key sees every owner's tasks)
	private final StoredTasks stored = new StoredTasks("queue-recovery-test-" + UUID.randomUUID());

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	@Test
	void aPendingTaskWhoseMessageWasNeverSentIsQueuedByTheReconcilerAndSucceeds() {
		// a task stored as Pending a while ago by a node that died before it could send its message
		ExportTask task = pendingTask(this.tasks.now().minus(java.time.Duration.ofHours(2)));
		// the pass sends every such task: one left over by another test would start a real export now
		assertThat(this.waiting.pendingNotQueued(this.tasks.now())).extracting(ExportTask::taskId)
			.as("Pending tasks without a message")
			.containsExactly(task.taskId());

		this.reconciler.sendUnqueued();

		JsonNode finished = awaitFinished(OPERATOR_KEY, task.taskId());
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		assertThat(finished.path("files").path(0).path("rows").asLong()).isEqualTo(6);
	}

	@Test
	void aProcessingTaskWhoseNodeDiedIsTakenOverWhenItsMessageComesBack() {
		ExportTask task = pendingTask(this.tasks.now().minusSeconds(300));
		// its node started it long ago, left a running job execution and then went silent
		JobParameters parameters = new JobParametersBuilder().addString("taskId", task.taskId(), true)
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("export", parameters);
		JobExecution dead = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		Instant longAgo = this.tasks.now().minusSeconds(240);
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(longAgo, dead.getId(), 1, "dead-node"))).isTrue();

		// its message, no longer extended by the dead node, is received again
		this.queue.enqueue(this.tasks.find(task.taskId()).orElseThrow());

		JsonNode finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> task(OPERATOR_KEY, task.taskId()), (t) -> t.path("status").asString().equals("Succeeded"));
		assertThat(finished.path("attempts").asInt()).isEqualTo(2);
		assertThat(finished.path("node").asString()).isEqualTo("test-node");
		assertThat(this.jobRepository.getJobExecution(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		List<String> events = http(OPERATOR_KEY).get().uri("/api/v1/exports/" + task.taskId() + "/events").retrieve()
			.body(JsonNode.class).findValuesAsString("detail");
		// straight back to Pending: no reader of the task sees a final status on the way
		assertThat(events).containsSubsequence("Pending -> Processing on dead-node", "Processing -> Pending",
				"Pending -> Processing on test-node", "Processing -> Succeeded")
			.noneMatch((detail) -> detail.contains("Failed"));
	}

	@Test
	void aMessageOfATaskThatALiveNodeRunsIsPutBackNotRun() {
		ExportTask task = pendingTask(this.tasks.now());
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(this.tasks.now(), 0, 1, "other-node"))).isTrue();

		RunOutcome outcome = this.worker.run(task.taskId());

		assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.LATER);
		// the worker returns once a run it started has ended: no job of the task is in the repository, none started
		assertThat(this.jobRepository.getJobInstance("export",
				new JobParametersBuilder().addString("taskId", task.taskId(), true).toJobParameters()))
			.as("job instance of %s", task.taskId())
			.isNull();
		ExportTask after = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(after.status()).isEqualTo(TaskStatus.PROCESSING);
		assertThat(after.node()).isEqualTo("other-node");
		assertThat(after.attempts()).isEqualTo(1);
	}

	private ExportTask pendingTask(Instant createdAt) {
		return this.stored.pending(this.tasks, createdAt);
	}

}
