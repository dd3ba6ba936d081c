package org.earthchem.export.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceInThisJvm;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caps on exports hold under concurrency: an owner's active exports ({@code export.max-active-per-owner}, 5) and
 * the service's Pending ones ({@code export.max-pending}), both counted in the same transaction as the task's
 * creation.
 */
class ExportCapsTest extends IntegrationTest {

	/** Key and task id of every export accepted here, cancelled after each test. */
	private final List<String[]> accepted = new ArrayList<>();

	@AfterEach
	void cancelWhatWasAccepted() {
		stack().proxy().restore();
		for (String[] keyAndId : this.accepted) {
			http(keyAndId[0]).post().uri("/api/v1/exports/" + keyAndId[1] + "/cancel").retrieve().toBodilessEntity();
			awaitFinished(keyAndId[0], keyAndId[1]);
		}
	}

	@Test
	void thirtyConcurrentRequestsOfOneOwnerCreateExactlyFiveAndRefuseTwentyFiveWith429() throws Exception {
		// the accepted exports run slowly: none ends, and frees a place, while the requests race
		stack().proxy().throttle(300_000);
		String key = newOwnerKey();
		List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(30);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ResponseEntity<JsonNode>>> requests = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				String query = "columns=sample_id&sio2.max=" + (70 + i);
				requests.add(clients.submit(() -> {
					go.await();
					return requestExport(key, "petdb", query);
				}));
			}
			go.countDown();
			for (Future<ResponseEntity<JsonNode>> request : requests) {
				answers.add(request.get());
			}
		}
		finally {
			clients.shutdownNow();
		}
		List<ResponseEntity<JsonNode>> created = answers.stream()
			.filter((answer) -> answer.getStatusCode() == HttpStatus.ACCEPTED)
			.toList();
		List<ResponseEntity<JsonNode>> refused = answers.stream()
			.filter((answer) -> answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS)
			.toList();
		created.forEach((answer) -> this.accepted.add(new String[] { key, answer.getBody().path("taskId").asString() }));

		assertThat(created).hasSize(5);
		assertThat(refused).hasSize(25);
		assertThat(refused).extracting((answer) -> answer.getHeaders().getFirst("Retry-After")).containsOnly("60");
		assertThat(refused).extracting((answer) -> answer.getBody().path("code").asString())
			.containsOnly("TOO_MANY_ACTIVE_EXPORTS");
		assertThat(refused).extracting((answer) -> answer.getBody().path("limit").asInt()).containsOnly(5);
	}

	@Test
	void anExportThatEndsFreesItsOwnersPlaceForTheNext() {
		stack().proxy().throttle(300_000);
		String key = newOwnerKey();
		for (int i = 0; i < 5; i++) {
			ResponseEntity<JsonNode> created = requestExport(key, "petdb", "columns=sample_id&sio2.max=" + (70 + i));
			assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			this.accepted.add(new String[] { key, created.getBody().path("taskId").asString() });
		}
		ResponseEntity<JsonNode> sixth = requestExport(key, "petdb", "columns=sample_id&sio2.max=80");
		String first = this.accepted.get(0)[1];

		http(key).post().uri("/api/v1/exports/" + first + "/cancel").retrieve().toBodilessEntity();
		JsonNode cancelled = awaitFinished(key, first);
		ResponseEntity<JsonNode> next = requestExport(key, "petdb", "columns=sample_id&sio2.max=80");
		if (next.getStatusCode() == HttpStatus.ACCEPTED) {
			this.accepted.add(new String[] { key, next.getBody().path("taskId").asString() });
		}

		assertThat(sixth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(cancelled.path("status").asString()).isEqualTo("Cancelled");
		assertThat(next.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
	}

	@Test
	void aRequestBeyondTheServicesPendingCapIsRefusedWith503AndRetryAfterUntilOneLeavesPending() {
		// a task table of its own: the Pending count is only this test's
		try (ServiceInThisJvm service = ServiceInThisJvm.start(Map.of("export.max-pending", "2",
				"export.dynamodb.table-name", "pending-cap-" + UUID.randomUUID()))) {
			TaskStore tasks = service.bean(TaskStore.class);
			// two tasks stored without a message: they stay Pending until cancelled
			List<String> waiting = List.of(storePending(tasks), storePending(tasks));
			RestClient client = service.http(PETDB_KEY);

			ResponseEntity<JsonNode> refused = client.post()
				.uri("/api/v1/sources/petdb/exports?columns=sample_id&sio2.max=71")
				.retrieve()
				.toEntity(JsonNode.class);
			tasks.requestCancel(waiting.get(0), "test");
			ResponseEntity<JsonNode> created = client.post()
				.uri("/api/v1/sources/petdb/exports?columns=sample_id&sio2.max=71")
				.retrieve()
				.toEntity(JsonNode.class);
			tasks.requestCancel(waiting.get(1), "test");
			if (created.getStatusCode() == HttpStatus.ACCEPTED) {
				tasks.requestCancel(created.getBody().path("taskId").asString(), "test");
			}

			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("120");
			assertThat(refused.getBody().path("code").asString()).isEqualTo("QUEUE_FULL");
			assertThat(refused.getBody().path("limit").asInt()).isEqualTo(2);
			assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		}
	}

	/** A key of an owner of its own, so that no other test's exports count toward its cap. */
	private String newOwnerKey() {
		return ServiceInThisJvm.newOwnerKey(http(OPERATOR_KEY), "caps", List.of("petdb"));
	}

	private static String storePending(TaskStore tasks) {
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, tasks.now()), "petdb", "csv",
				"q=" + queryKey, queryKey, "caps-" + queryKey, null, tasks.now(), 10L);
		assertThat(StoredTasks.create(tasks, task)).isTrue();
		return task.taskId();
	}

}
