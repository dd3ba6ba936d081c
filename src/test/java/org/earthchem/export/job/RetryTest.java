package org.earthchem.export.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.Mails;
import org.earthchem.export.support.TaskEvents;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An export outlives an outage of the search cluster: it waits for it in the same run and attempt, and ends with the
 * same files.
 */
class RetryTest extends IntegrationTest {

	@Test
	void anExportWhoseSearchClusterIsAwayLongerThanThreeBackOffsWaitsAndEndsAtItsFirstAttemptWithTheCalmFiles() {
		String query = "columns=sample_id,material,location,chemistry.whole_rock.major";
		stack().proxy().throttle(300_000);
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "petdb", query);
		String taskId = created.getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId).path("progress").path("rowsWritten").asLong() > 0);

		stack().proxy().cut();
		try {
			// the page reads back off 0.1, 0.2, 0.4, 0.8 s, then retry each second: five seconds is well past three
			await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
				.until(() -> task(OPERATOR_KEY, taskId).path("status").asString().equals("Processing"));
			assertThat(eventTypes(taskId)).as("waiting, not retrying").doesNotContain("RETRY_SCHEDULED");
		}
		finally {
			stack().proxy().restore();
		}
		JsonNode finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> task(OPERATOR_KEY, taskId), (t) -> !t.path("status").asString().matches("Pending|Processing"));

		JsonNode uninterrupted = export(OPERATOR_KEY, "petdb", query);
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		assertThat(finished.path("attempts").asInt()).as("an outage is not a failed attempt").isEqualTo(1);
		assertThat(finished.path("error").isNull()).isTrue();
		assertThat(eventTypes(taskId)).doesNotContain("RETRY_SCHEDULED", "RESUMED");
		assertThat(digests(finished)).hasSize(3).isEqualTo(digests(uninterrupted));
		await().atMost(Duration.ofSeconds(30)).until(() -> !Mails.mentioning(taskId).isEmpty());
		assertThat(Mails.mentioning(taskId)).as("one mail, of success").hasSize(1)
			.extracting(jakarta.mail.internet.MimeMessage::getSubject)
			.noneMatch((subject) -> subject.toLowerCase(java.util.Locale.ROOT).contains("fail"));
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
