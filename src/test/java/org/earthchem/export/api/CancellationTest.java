package org.earthchem.export.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.queue.QueueProperties;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.QueueDepth;
import org.earthchem.export.support.TaskEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cancelling exports: a waiting one never starts, a running one stops soon and leaves nothing behind. */
class CancellationTest extends IntegrationTest {

	@Autowired
	private org.earthchem.export.storage.ExportBucket bucket;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private SqsAsyncClient sqs;

	@Autowired
	private QueueProperties queue;

	private final List<String> started = new ArrayList<>();

	@Test
	void aPendingTaskCancelledBecomesCancelledAtOnceAndNeverStarts() {
		// three slow exports keep every worker busy, so a fourth waits
		stack().proxy().throttle(1_000_000);
		for (String columns : List.of("sample_id", "igsn", "material")) {
			awaitProcessing(start("columns=" + columns));
		}
		String waiting = start("columns=comments");
		assertThat(task(OPERATOR_KEY, waiting).path("status").asString()).isEqualTo("Pending");

		ResponseEntity<JsonNode> cancelled = cancel(waiting);

		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(cancelled.getBody().path("status").asString()).isEqualTo("Cancelled");
		this.started.forEach(this::cancel);
		stack().proxy().restore();
		this.started.forEach((taskId) -> awaitFinished(OPERATOR_KEY, taskId));
		// once a worker is free it takes the message, finds the task cancelled, starts no job and deletes the message:
		// the queue is empty once the four messages are
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> QueueDepth.all(this.sqs, this.queue.name()) == 0);

		assertThat(lastExecutionStatus(waiting)).as("job execution of the cancelled task").isNull();
		JsonNode task = task(OPERATOR_KEY, waiting);
		assertThat(task.path("status").asString()).isEqualTo("Cancelled");
		assertThat(task.path("startedAt").isNull()).isTrue();
		assertThat(eventDetails(waiting)).containsExactly("CREATED", "CANCEL_REQUESTED", "Pending -> Cancelled");
	}

	@Test
	void waitingTasksShowTheirQueuePositionAndMoveUpWhenOneAheadIsCancelled() {
		// three slow exports of every column keep every worker busy
		stack().proxy().throttle(300_000);
		for (String query : List.of("", "fileType=json", "columns=chemistry,location")) {
			awaitProcessing(start(query));
		}
		String first = start("columns=comments");
		String second = start("columns=tags");
		int firstPosition = task(OPERATOR_KEY, first).path("queuePosition").asInt();
		int secondPosition = task(OPERATOR_KEY, second).path("queuePosition").asInt();

		cancel(first);

		// next in line: no test leaves a task Pending behind it (StoredTasks, and every test ends what it started)
		assertThat(firstPosition).isEqualTo(1);
		assertThat(secondPosition).isEqualTo(firstPosition + 1);
		assertThat(task(OPERATOR_KEY, second).path("queuePosition").asInt()).isEqualTo(firstPosition);
		assertThat(task(OPERATOR_KEY, first).path("queuePosition").isNull()).isTrue();
	}

	@Test
	void aProcessingTaskCancelledStopsBeforeItsLastRowAndLeavesNothingInTheBucket() {
		stack().proxy().throttle(300_000);
		String taskId = start("");
		awaitProcessing(taskId);

		ResponseEntity<JsonNode> response = cancel(taskId);
		JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(finished.path("status").asString()).isEqualTo("Cancelled");
		// stopped at a check while rows were still to come, not at the end: the seconds it took on a loaded machine
		// are no result (the row count reached depends on them, hence no exact figure)
		assertThat(finished.path("progress").path("rowsWritten").asLong())
			.isLessThan(finished.path("progress").path("totalRows").asLong());
		assertThat(finished.path("files")).isEmpty();
		String folder = this.bucket.folder("petdb", java.time.Instant.parse(finished.path("createdAt").asString()), taskId);
		assertThat(this.bucket.objects(folder)).isEmpty();
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
		assertThat(eventDetails(taskId)).containsSubsequence("CANCEL_REQUESTED", "Processing -> Cancelled");
	}

	@Test
	void cancellingACancelledTaskAgainAnswers200() throws Exception {
		stack().proxy().throttle(300_000);
		String taskId = start("columns=sample_name");
		awaitProcessing(taskId);
		cancel(taskId);
		awaitFinished(OPERATOR_KEY, taskId);

		ResponseEntity<JsonNode> again = cancel(taskId);

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().path("status").asString()).isEqualTo("Cancelled");
	}

	@Test
	void cancellingASucceededTaskAnswers409AndChangesNothing() {
		JsonNode done = export(OPERATOR_KEY, "nasty", "fileType=json&columns=name");
		String taskId = done.path("taskId").asString();

		ResponseEntity<JsonNode> response = cancel(taskId);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(response.getBody().path("code").asString()).isEqualTo("TASK_FINISHED");
		assertThat(task(OPERATOR_KEY, taskId).path("status").asString()).isEqualTo("Succeeded");
	}

	private String start(String query) {
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "petdb", query);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String taskId = created.getBody().path("taskId").asString();
		this.started.add(taskId);
		return taskId;
	}

	private void awaitProcessing(String taskId) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> "Processing".equals(task(OPERATOR_KEY, taskId).path("status").asString()));
	}

	private ResponseEntity<JsonNode> cancel(String taskId) {
		return http(OPERATOR_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel").retrieve().toEntity(JsonNode.class);
	}

	private List<String> eventDetails(String taskId) {
		return TaskEvents.trail(http(OPERATOR_KEY), taskId);
	}

	private BatchStatus lastExecutionStatus(String taskId) {
		JobInstance instance = this.jobRepository.getJobInstance("export",
				new JobParametersBuilder().addString("taskId", taskId, true).toJobParameters());
		if (instance == null) {
			return null;
		}
		JobExecution execution = this.jobRepository.getLastJobExecution(instance);
		return (execution != null) ? execution.getStatus() : null;
	}

}
