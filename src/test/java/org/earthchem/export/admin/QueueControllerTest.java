package org.earthchem.export.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Operators see the queue: waiting tasks in start order, running ones, and the pool size. */
class QueueControllerTest extends IntegrationTest {

	@Test
	void theQueueShowsWaitingTasksInStartOrderTheRunningOnesAndThePoolSize() {
		stack().proxy().throttle(1_000_000);
		List<String> running = new ArrayList<>();
		for (String columns : List.of("sample_id", "igsn", "material")) {
			String taskId = start("columns=" + columns);
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
				.until(() -> task(OPERATOR_KEY, taskId).path("status").asString().equals("Processing"));
			running.add(taskId);
		}
		String first = start("columns=comments");
		String second = start("columns=tags");

		JsonNode queue = http(OPERATOR_KEY).get().uri("/api/v1/admin/queue").retrieve().body(JsonNode.class);

		assertThat(queue.path("workers").asInt()).isEqualTo(3);
		assertThat(queue.path("pending").findValuesAsString("taskId")).containsSubsequence(first, second);
		assertThat(queue.path("running").findValuesAsString("taskId")).containsAll(running);
		List<Integer> positions = new ArrayList<>();
		queue.path("pending").forEach((t) -> positions.add(t.path("queuePosition").asInt()));
		assertThat(positions).isSorted().startsWith(1);
	}

	@Test
	void theQueueIsForOperatorsOnly() {
		ResponseEntity<JsonNode> response = http(PETDB_KEY).get().uri("/api/v1/admin/queue").retrieve()
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private String start(String query) {
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "petdb", query);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		return created.getBody().path("taskId").asString();
	}

}
