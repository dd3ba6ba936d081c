package org.earthchem.export.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TaskEvents;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An export outlives a short outage of the search cluster: it is retried, resumes, and ends with the same files. */
class RetryTest extends IntegrationTest {

	@Test
	void anExportInterruptedByAShortOutageIsRetriedAndEndsWithTheSameFilesAsAnUninterruptedOne() {
		String query = "columns=sample_id,material,location,chemistry.whole_rock.major";
		stack().proxy().throttle(300_000);
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "petdb", query);
		String taskId = created.getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId).path("progress").path("rowsWritten").asLong() > 0);

		stack().proxy().cut();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> eventTypes(taskId).contains("RETRY_SCHEDULED"));
		stack().proxy().restore();
		JsonNode retried = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> task(OPERATOR_KEY, taskId), (t) -> t.path("status").asString().equals("Succeeded"));

		JsonNode uninterrupted = export(OPERATOR_KEY, "petdb", query);
		// how many retries the outage cost depends on how long it lasted on this machine: each is one more attempt
		long retries = eventTypes(taskId).stream().filter("RETRY_SCHEDULED"::equals).count();
		assertThat(retried.path("attempts").asInt()).isEqualTo(retries + 1);
		assertThat(retried.path("error").isNull()).isTrue();
		assertThat(digests(retried)).hasSize(3).isEqualTo(digests(uninterrupted));
		assertThat(eventTypes(taskId)).containsSubsequence("STATUS_CHANGED", "RETRY_SCHEDULED", "STATUS_CHANGED",
				"FILE_STORED");
	}

	@Test
	void aPageReadThatFailsBrieflyIsRetriedInPlaceAndTheExportNeedsNoSecondAttempt() {
		String query = "columns=sample_id,igsn,material";
		stack().proxy().throttle(300_000);
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "petdb", query);
		String taskId = created.getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId).path("progress").path("rowsWritten").asLong() > 0);

		// the page in flight fails, and so do the next two connections: within the page's three retries
		stack().proxy().cutFor(2);
		JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);

		stack().proxy().restore();
		JsonNode uninterrupted = export(OPERATOR_KEY, "petdb", query);
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		assertThat(finished.path("attempts").asInt()).isEqualTo(1);
		assertThat(eventTypes(taskId)).doesNotContain("RETRY_SCHEDULED");
		assertThat(digests(finished)).isEqualTo(digests(uninterrupted));
	}

	private List<String> eventTypes(String taskId) {
		return TaskEvents.types(http(OPERATOR_KEY), taskId);
	}

	private static List<String> digests(JsonNode task) {
		List<String> digests = new ArrayList<>();
		task.path("files").forEach((file) -> digests.add(file.path("sha256").asString()));
		return digests;
	}

}
