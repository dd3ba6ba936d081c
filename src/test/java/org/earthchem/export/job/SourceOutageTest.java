package org.earthchem.export.job;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an export does when the search cluster goes away while it runs, for longer than it waits. */
class SourceOutageTest extends IntegrationTest {

	@AfterEach
	void restoreCluster() {
		stack().proxy().restore();
	}

	@Test
	void anExportWhoseSearchClusterStaysAwayLongerThanTheOutageLimitFailsAtItsFirstAttemptNamingTheSearchCluster() {
		JsonNode finished;
		try {
			// about 300 KB/s: the 1,500 documents take many seconds, so the export is caught midway
			stack().proxy().throttle(300_000);
			ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "petdb", "");
			assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			String taskId = created.getBody().path("taskId").asString();
			JsonNode midway = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> task(OPERATOR_KEY, taskId), (t) -> !t.path("status").asString().equals("Pending")
						&& (!t.path("status").asString().equals("Processing") || t.path("progress").path("rowsWritten").asLong() > 0));
			assertThat(midway.path("status").asString()).as("caught while processing").isEqualTo("Processing");
			assertThat(midway.path("progress").path("rowsWritten").asLong()).isLessThan(1500);

			stack().proxy().cut();
			// the cluster stays away longer than the test profile's export.outage-limit (20 s)
			finished = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> task(OPERATOR_KEY, taskId), (t) -> !t.path("status").asString().matches("Pending|Processing"));
		}
		finally {
			stack().proxy().restore();
		}

		assertThat(finished.path("status").asString()).isEqualTo("Failed");
		assertThat(finished.path("attempts").asInt()).as("waited in one attempt, not retried").isEqualTo(1);
		JsonNode events = http(OPERATOR_KEY).get().uri("/api/v1/exports/" + finished.path("taskId").asString() + "/events")
			.retrieve().body(JsonNode.class);
		assertThat(events.findValuesAsString("type")).doesNotContain("RETRY_SCHEDULED");
		assertThat(finished.path("error").path("code").asString()).isEqualTo("SOURCE_UNAVAILABLE");
		assertThat(finished.path("files")).isEmpty();
		assertThat(finished.path("finishedAt").asString()).isNotBlank();
		String message = finished.path("error").path("message").asString();
		assertThat(message).as("a sentence a user can act on, naming the search cluster and the wait")
			.contains("search cluster", "20 seconds")
			.doesNotContain("carries on")
			.matches("[A-Z][^\\r\\n]*[.!]")
			.doesNotContain("Exception", "exception", "Error:", "\tat ", "java.", "org.", "tools.", "http://", "127.0.0.1")
			.doesNotContainPattern("\\b[a-z]+\\.[a-z]+\\.[A-Za-z]")
			.doesNotContainPattern("[A-Z][a-z]+[A-Z][A-Za-z]*Exception");
	}

}
