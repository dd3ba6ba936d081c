package org.earthchem.export.queue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.QueueDepth;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An export that fails every attempt: its message in the dead-letter queue, its task Failed, an operator's restart. */
class DeadLetterTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private SqsAsyncClient sqs;

	@Autowired
	private QueueProperties queue;

	@AfterEach
	void restoreStorage() {
		stack().s3Proxy().restore();
	}

	@Test
	void anExportFailingEveryAttemptEndsInTheDeadLetterQueueFailedWithItsCauseAndAnOperatorRestartRunsItAgain() {
		long deadBefore = deadLetters();
		// the bucket refuses every connection: each attempt fails for a passing reason
		stack().s3Proxy().cut();
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "nasty", "fileType=json&value.min=-1000000000");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String taskId = created.getBody().path("taskId").asString();

		// between two attempts a task reads Failed for a moment: the dead-letter queue says it failed for good
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> deadLetters() == deadBefore + 1);
		JsonNode failed = task(OPERATOR_KEY, taskId);

		assertThat(failed.path("status").asString()).isEqualTo("Failed");
		assertThat(failed.path("attempts").asInt()).isEqualTo(3);
		assertThat(failed.path("error").path("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
		// nothing tries a fourth time, though storage answers again: the message is gone from the task queue (moved,
		// then deleted), so nothing can bring the export back but an operator
		stack().s3Proxy().restore();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> QueueDepth.all(this.sqs, this.queue.name()) == 0);
		assertThat(this.tasks.find(taskId).orElseThrow().attempts()).isEqualTo(3);
		assertThat(starts(taskId)).isEqualTo(3);

		long executionId = this.tasks.find(taskId).orElseThrow().jobExecutionId();
		ResponseEntity<JsonNode> restart = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/executions/" + executionId + "/restart")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(restart.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode restarted = awaitFinished(OPERATOR_KEY, taskId);
		assertThat(restarted.path("status").asString()).isEqualTo("Succeeded");
		assertThat(starts(taskId)).isEqualTo(4);
	}

	private long deadLetters() {
		return http(OPERATOR_KEY).get().uri("/api/v1/admin/queue").retrieve().body(JsonNode.class)
			.path("deadLetters").asLong();
	}

	private long starts(String taskId) {
		List<String> details = http(OPERATOR_KEY).get().uri("/api/v1/exports/" + taskId + "/events").retrieve()
			.body(JsonNode.class).findValuesAsString("detail");
		return details.stream().filter((detail) -> detail.startsWith("Pending -> Processing")).count();
	}

}
