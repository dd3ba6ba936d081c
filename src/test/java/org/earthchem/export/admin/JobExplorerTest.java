package org.earthchem.export.admin;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's job explorer: jobs, executions, steps, and restart, stop and abandon kept in step with tasks. */
class JobExplorerTest extends IntegrationTest {

	@AfterEach
	void restore() {
		stack().s3Proxy().restore();
		stack().proxy().restore();
	}

	private JsonNode get(String path) {
		return http(OPERATOR_KEY).get().uri(path).retrieve().body(JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String path) {
		return http(OPERATOR_KEY).post().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private long latestExecution(String taskId) {
		// newest first
		return executionsOf(taskId).get(0).path("id").asLong();
	}

	private List<JsonNode> executionsOf(String taskId) {
		return get("/api/v1/admin/executions?limit=500").valueStream()
			.filter((e) -> taskId.equals(e.path("taskId").asString()))
			.toList();
	}

	/** An export that failed for good: S3 unreachable for all its attempts. */
	private String failedExport(String query) {
		stack().s3Proxy().cut();
		String taskId = requestExport(OPERATOR_KEY, "petdb", query).getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
			.until(() -> task(OPERATOR_KEY, taskId), (t) -> t.path("status").asString().equals("Failed")
					&& t.path("attempts").asInt() == 3);
		stack().s3Proxy().restore();
		return taskId;
	}

	@Test
	void jobsCountTheirExecutionsByStatus() {
		long before = completedExports();

		export(OPERATOR_KEY, "petdb", "material=glass&columns=sample_id&fileType=json");

		assertThat(completedExports()).isEqualTo(before + 1);
	}

	private long completedExports() {
		return get("/api/v1/admin/jobs").valueStream()
			.filter((j) -> j.path("jobName").asString().equals("export"))
			.findFirst()
			.map((export) -> export.path("counts").path("COMPLETED").asLong())
			.orElse(0L);
	}

	@Test
	void executionsAreListedNewestFirstWithTheirTaskAndCanBeFilteredByStatus() {
		String taskId = export(OPERATOR_KEY, "petdb", "material=mineral&columns=sample_id&fileType=json")
			.path("taskId").asString();

		List<JsonNode> all = get("/api/v1/admin/executions?limit=20").valueStream().toList();
		List<JsonNode> completed = get("/api/v1/admin/executions?status=COMPLETED&limit=20").valueStream().toList();

		assertThat(all).extracting((e) -> e.path("id").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(all).filteredOn((e) -> e.path("taskId").asString().equals(taskId))
			.singleElement()
			.satisfies((e) -> assertThat(e.path("parameters").path("taskId").asString()).isEqualTo(taskId));
		assertThat(completed).filteredOn((e) -> e.path("taskId").asString().equals(taskId)).hasSize(1);
		assertThat(completed).extracting((e) -> e.path("status").asString()).containsOnly("COMPLETED");
		assertThat(http(OPERATOR_KEY).get().uri("/api/v1/admin/executions?status=DONE").retrieve()
			.toBodilessEntity().getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void anExecutionShowsItsStepsWithTheirCounts() {
		String taskId = export(OPERATOR_KEY, "petdb", "material=rock&columns=sample_id&fileType=json")
			.path("taskId").asString();
		long id = latestExecution(taskId);

		JsonNode execution = get("/api/v1/admin/executions/" + id);

		assertThat(execution.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(execution.path("steps").valueStream().map((s) -> s.path("name").asString()))
			.containsExactly("prepare", "extract");
		JsonNode extract = execution.path("steps").get(1);
		assertThat(extract.path("readCount").asLong()).isEqualTo(task(OPERATOR_KEY, taskId).path("progress")
			.path("rowsWritten").asLong());
		assertThat(extract.path("writeCount").asLong()).isEqualTo(extract.path("readCount").asLong());
		// a chunk a page (200 rows), and one more for the read that finds the end
		assertThat(extract.path("commitCount").asLong()).isEqualTo(extract.path("readCount").asLong() / 200 + 1);
		assertThat(http(OPERATOR_KEY).get().uri("/api/v1/admin/executions/999999999").retrieve().toBodilessEntity()
			.getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void aFailedExecutionRestartedByAnOperatorGoesBackThroughPendingAndSucceeds() {
		String taskId = failedExport("material=glass,rock&columns=sample_id,igsn");
		long failed = latestExecution(taskId);

		ResponseEntity<JsonNode> restarted = post("/api/v1/admin/executions/" + failed + "/restart");
		JsonNode task = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(restarted.getStatusCode().value()).isEqualTo(202);
		assertThat(restarted.getBody().path("id").asLong()).isEqualTo(latestExecution(taskId));
		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(task.path("attempts").asInt()).isEqualTo(4);
		JsonNode events = get("/api/v1/exports/" + taskId + "/events");
		assertThat(events.valueStream().map((e) -> e.path("detail").asString()))
			.containsOnlyOnce("restart of execution " + failed + " by operator demo-operator")
			.containsSubsequence("Processing -> Failed", "Failed -> Pending", "Pending -> Processing on test-node",
					"Processing -> Succeeded");
		assertThat(post("/api/v1/admin/executions/" + restarted.getBody().path("id").asLong() + "/restart")
			.getStatusCode().value()).as("a completed execution is not restarted").isEqualTo(409);
	}

	@Test
	void aFailedExecutionAbandonedByAnOperatorStaysFailedAndCannotBeRestarted() {
		String taskId = failedExport("material=inclusion,rock&columns=sample_id,igsn");
		long failed = latestExecution(taskId);

		ResponseEntity<JsonNode> abandoned = post("/api/v1/admin/executions/" + failed + "/abandon");

		assertThat(abandoned.getStatusCode().value()).isEqualTo(200);
		assertThat(abandoned.getBody().path("status").asString()).isEqualTo("ABANDONED");
		assertThat(task(OPERATOR_KEY, taskId).path("status").asString()).isEqualTo("Failed");
		assertThat(post("/api/v1/admin/executions/" + failed + "/restart").getStatusCode().value()).isEqualTo(409);
	}

	@Test
	void aRunningExecutionStoppedByAnOperatorEndsWithItsTaskCancelled() {
		stack().proxy().throttle(300_000);
		String taskId = requestExport(OPERATOR_KEY, "petdb", "material=rock,glass,mineral").getBody()
			.path("taskId").asString();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId).path("status").asString().equals("Processing"));
		long running = latestExecution(taskId);

		ResponseEntity<JsonNode> stopped = post("/api/v1/admin/executions/" + running + "/stop");
		JsonNode task = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(stopped.getStatusCode().value()).isEqualTo(202);
		assertThat(task.path("status").asString()).isEqualTo("Cancelled");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/api/v1/admin/executions/" + running).path("status").asString().equals("STOPPED"));
	}

	@Test
	void anExecutionThatStillSendsHeartbeatsCannotBeAbandoned() {
		stack().proxy().throttle(300_000);
		String taskId = requestExport(OPERATOR_KEY, "petdb", "material=rock,glass&columns=sample_id,material").getBody()
			.path("taskId").asString();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId).path("status").asString().equals("Processing"));
		long running = latestExecution(taskId);

		ResponseEntity<JsonNode> abandoned = post("/api/v1/admin/executions/" + running + "/abandon");

		assertThat(abandoned.getStatusCode().value()).isEqualTo(409);
		assertThat(abandoned.getBody().path("detail").asString()).contains("is alive");
		stack().proxy().restore();
		assertThat(awaitFinished(OPERATOR_KEY, taskId).path("status").asString()).isEqualTo("Succeeded");
	}

}
