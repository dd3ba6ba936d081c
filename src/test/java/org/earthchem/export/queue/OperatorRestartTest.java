package org.earthchem.export.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An operator's restart while the queue cannot be reached: a clear answer, and the export is queued later. */
class OperatorRestartTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private PendingTasks waiting;

	@Autowired
	private QueueReconciler reconciler;

	@Autowired
	private JobRepository jobRepository;

	private final StoredTasks stored = new StoredTasks("operator-restart-test-" + UUID.randomUUID());

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	@Test
	void aRestartWhileTheQueueIsUnreachableIsAnswered503AndTheReconcilerQueuesTheExportLater() {
		ExportTask task = failedTask();

		ResponseEntity<JsonNode> restart = stack().sqsProxy().whileCut(() -> http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/executions/" + task.jobExecutionId() + "/restart")
			.retrieve()
			.toEntity(JsonNode.class));

		assertThat(restart.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(restart.getBody().path("code").asString()).isEqualTo("QUEUE_UNAVAILABLE");
		assertThat(restart.getBody().path("detail").asString()).contains("queued automatically");
		assertThat(restart.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(this.tasks.find(task.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
		assertThat(this.waiting.pendingNotQueued(this.tasks.now())).extracting(ExportTask::taskId)
			.as("Pending tasks without a message")
			.contains(task.taskId());
		// the service's long poll that the cut broke lives on in ElasticMQ until its wait (5 s) is over
		await().pollDelay(Duration.ofSeconds(6)).until(() -> true);

		this.reconciler.sendUnqueued();

		ExportTask finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.tasks.find(task.taskId()).orElseThrow(), (t) -> !t.status().isActive());
		assertThat(finished.status()).isEqualTo(TaskStatus.SUCCEEDED);
	}

	/** A task whose first attempt failed for good, with its failed job execution; its message is long gone. */
	private ExportTask failedTask() {
		// older than the reconciler's grace (an hour in the tests)
		Instant createdAt = this.tasks.now().minus(Duration.ofHours(2));
		ExportTask task = this.stored.pending(this.tasks, createdAt);
		this.waiting.markQueued(task.taskId(), createdAt);
		JobParameters parameters = new JobParametersBuilder().addString("taskId", task.taskId(), true)
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("export", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(createdAt, execution.getId(), 1, "test-node"))).isTrue();
		execution.setStartTime(LocalDateTime.now());
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED);
		this.jobRepository.update(execution);
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PROCESSING, TaskStatus.FAILED,
				TaskChange.failed(this.tasks.now(), new TaskError(ErrorCode.SOURCE_REJECTED, "The index refused it."))))
			.isTrue();
		return this.tasks.find(task.taskId()).orElseThrow();
	}

}
