package org.earthchem.export.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.Sha256;
import org.earthchem.export.devstack.PetDbSamples;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An export from request to file, as a client sees it over HTTP. */
class ExportLifecycleTest extends IntegrationTest {

	// slow enough that a PetDB export stays active for seconds, while the small requests of the API still pass
	private static final long SLOW_BYTES_PER_SECOND = 50_000;

	private ResponseEntity<JsonNode> post(String apiKey, String query) {
		return requestExport(apiKey, "petdb", query);
	}

	/**
	 * Requests an export while the search cluster answers slowly, and waits until it runs: the task stays Processing
	 * for a while.
	 */
	private String activeExport(String apiKey, String query) {
		stack().proxy().throttle(SLOW_BYTES_PER_SECOND);
		ResponseEntity<JsonNode> response = post(apiKey, query);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String taskId = response.getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> task(apiKey, taskId).path("status").asString(), "Processing"::equals);
		return taskId;
	}

	private ResponseEntity<JsonNode> get(String apiKey, String path) {
		return http(apiKey).get().uri("/api/v1/exports/" + path).retrieve().toEntity(JsonNode.class);
	}

	private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(response.getBody().path("code").asString()).isEqualTo(code);
	}

	@Test
	void aNewExportIsAccepted202WithItsLocationAndAPendingTaskWhoseIdTracesToTheQuery() throws Exception {
		ResponseEntity<JsonNode> response = post(PETDB_KEY, "rockClass=metamorphic&material=glass");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode task = response.getBody();
		String taskId = task.path("taskId").asString();
		String queryKey = Sha256.hex("petdb?material=glass&rockClass=metamorphic");
		assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/api/v1/exports/" + taskId);
		assertThat(task.path("status").asString()).isEqualTo("Pending");
		assertThat(task.path("source").asString()).isEqualTo("petdb");
		assertThat(task.path("fileType").asString()).isEqualTo("csv");
		assertThat(task.path("owner").asString()).isEqualTo("demo-petdb");
		assertThat(task.path("query").asString()).isEqualTo("material=glass&rockClass=metamorphic");
		assertThat(task.path("queryKey").asString()).isEqualTo(queryKey);
		assertThat(taskId).startsWith("petdb-" + queryKey.substring(0, 12) + "-").matches("[A-Za-z0-9-]+");
	}

	@Test
	void aNewTaskCarriesTheNumberOfRowsItsQueryMatched() {
		ResponseEntity<JsonNode> response = post(OPERATOR_KEY, "columns=sample_id");

		assertThat(response.getBody().path("progress").path("totalRows").asLong())
			.isEqualTo(org.earthchem.export.support.TestStack.PETDB_DOCUMENTS);
		assertThat(response.getBody().path("progress").path("rowsWritten").asLong()).isZero();
	}

	@Test
	void anActiveTaskIsServedWithRetryAfter10() {
		String taskId = activeExport(PETDB_KEY, "material=rock&tectonicSetting=seamount");

		ResponseEntity<JsonNode> response = get(PETDB_KEY, taskId);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().path("status").asString()).isEqualTo("Processing");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
	}

	@Test
	void aFinishedTaskIsServedWithoutRetryAfter() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=rock&tectonicSetting=seamount&rockClass=hydrothermal");

		ResponseEntity<JsonNode> response = get(PETDB_KEY, task.path("taskId").asString());

		assertThat(response.getBody().path("status").asString()).isEqualTo("Succeeded");
		assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
	}

	@Test
	void aTaskNamesTheNodeThatRanItToOperatorsOnly() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=glass&ocean=Indian");

		assertThat(task.path("node").isNull()).as("the owner's view: no host and port").isTrue();
		assertThat(task(OPERATOR_KEY, task.path("taskId").asString()).path("node").asString()).isEqualTo("test-node");
	}

	@Test
	void theEventsOfAnExportListItsCreationStatusChangesStoredFileAndIssuedLinkInOrder() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=glass&ocean=Arctic");

		JsonNode events = get(PETDB_KEY, task.path("taskId").asString() + "/events").getBody();

		List<String> types = StreamSupport.stream(events.spliterator(), false).map((e) -> e.path("type").asString()).toList();
		List<String> statusChanges = StreamSupport.stream(events.spliterator(), false)
			.filter((e) -> e.path("type").asString().equals("STATUS_CHANGED"))
			.map((e) -> e.path("detail").asString())
			.toList();
		List<String> times = StreamSupport.stream(events.spliterator(), false).map((e) -> e.path("at").asString()).toList();
		assertThat(types).startsWith("CREATED", "STATUS_CHANGED").containsOnlyOnce("CREATED");
		// the owner's view names no node (operators see "on test-node")
		assertThat(statusChanges).containsExactly("Pending -> Processing on a service node", "Processing -> Succeeded");
		assertThat(types).containsSubsequence("CREATED", "STATUS_CHANGED", "FILE_STORED", "STATUS_CHANGED",
				"DOWNLOAD_LINK_ISSUED");
		assertThat(times).isSorted().allMatch((at) -> at.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
	}

	@Test
	void aTaskOfAnotherOwnerIsNotFoundForANonOperator() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=glass&ocean=Southern");
		String taskId = task.path("taskId").asString();

		assertProblem(get(ALL_KEY, taskId), HttpStatus.NOT_FOUND, "TASK_NOT_FOUND");
		assertProblem(get(ALL_KEY, taskId + "/events"), HttpStatus.NOT_FOUND, "TASK_NOT_FOUND");
		assertProblem(http(ALL_KEY).get().uri("/api/v1/exports/" + taskId + "/download").retrieve().toEntity(JsonNode.class),
				HttpStatus.NOT_FOUND, "TASK_NOT_FOUND");
	}

	@Test
	void aTaskOfAnotherOwnerIsVisibleToAnOperator() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=glass&ocean=Southern&rockClass=metamorphic");
		String taskId = task.path("taskId").asString();

		ResponseEntity<JsonNode> response = get(OPERATOR_KEY, taskId);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().path("taskId").asString()).isEqualTo(taskId);
		assertThat(response.getBody().path("owner").asString()).isEqualTo("demo-petdb");
		assertThat(get(OPERATOR_KEY, taskId + "/events").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void downloadingAnExportThatHasNotSucceededIsAConflict() {
		String taskId = activeExport(PETDB_KEY, "material=rock&ocean=Pacific");

		ResponseEntity<JsonNode> response = http(PETDB_KEY).get()
			.uri("/api/v1/exports/" + taskId + "/download")
			.retrieve()
			.toEntity(JsonNode.class);

		assertProblem(response, HttpStatus.CONFLICT, "TASK_NOT_FINISHED");
	}

	@Test
	void anIdenticalRequestOfTheSameOwnerWhileTheFirstIsActiveAnswers200WithTheSameTask() {
		String taskId = activeExport(PETDB_KEY, "material=rock&ocean=Atlantic");

		ResponseEntity<JsonNode> again = post(PETDB_KEY, "material=rock&ocean=Atlantic");

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().path("taskId").asString()).isEqualTo(taskId);
		assertThat(again.getBody().path("status").asString()).isEqualTo("Processing");
	}

	@Test
	void aRequestDifferingOnlyInParameterAndValueOrderIsTheSameRequest() {
		String taskId = activeExport(PETDB_KEY, "material=rock,glass&ocean=Indian");

		ResponseEntity<JsonNode> again = post(PETDB_KEY, "ocean=Indian&material=glass,rock");

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().path("taskId").asString()).isEqualTo(taskId);
	}

	@Test
	void theSameRequestAsAnotherFileTypeIsANewExport() {
		String taskId = activeExport(PETDB_KEY, "material=rock&ocean=Arctic");

		ResponseEntity<JsonNode> asJson = post(PETDB_KEY, "material=rock&ocean=Arctic&fileType=json");

		assertThat(asJson.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(asJson.getBody().path("taskId").asString()).isNotEqualTo(taskId);
		assertThat(asJson.getBody().path("queryKey").asString()).isEqualTo(task(PETDB_KEY, taskId).path("queryKey").asString());
	}

	@Test
	void aQueryMatchingNothingSucceedsWithAHeaderOnlyCsv() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=nonexistent");

		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(task.path("files")).hasSize(1);
		assertThat(task.path("files").get(0).path("name").asString()).isEqualTo(task.path("taskId").asString() + ".csv");
		assertThat(task.path("files").get(0).path("rows").asLong()).isZero();
		String header = String.join(",", PetDbSamples.leafPaths());
		assertThat(PetDbSamples.leafPaths()).as("column names that need no CSV quoting").allMatch((name) -> name.matches("[^,\"\r\n]+"));
		byte[] file = download(PETDB_KEY, task.path("taskId").asString(), 1).getBody();
		assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(header + "\r\n");
	}

	@Test
	void aQueryMatchingNothingSucceedsWithAnEmptyJsonArray() {
		JsonNode task = export(PETDB_KEY, "petdb", "material=nonexistent&fileType=json");

		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(task.path("files").get(0).path("name").asString()).isEqualTo(task.path("taskId").asString() + ".json");
		byte[] file = download(PETDB_KEY, task.path("taskId").asString(), 1).getBody();
		assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("[]\n");
	}

}
