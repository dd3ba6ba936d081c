package org.earthchem.export.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TaskEvents;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue: three at a time, a limit per owner, and cancel racing completion. */
class QueueBehaviourTest extends IntegrationTest {

	private final List<String[]> started = new ArrayList<>();

	@Test
	void sixExportsAtOnceRunThreeAtATimeAndTheOthersWaitForAWorker() {
		stack().proxy().throttle(2_000_000);
		List<String> submitted = new ArrayList<>();
		String[] keys = { OPERATOR_KEY, ALL_KEY };
		for (int i = 0; i < 6; i++) {
			submitted.add(start(keys[i % 2], "columns=sample_id&material=" + List.of("rock", "glass", "mineral",
					"inclusion", "rock,glass", "glass,mineral").get(i)));
		}
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> allFinished(submitted));

		// exact, not sampled: how many [startedAt, finishedAt) intervals ever overlap
		List<long[]> intervals = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			JsonNode task = task(keys[i % 2], submitted.get(i));
			intervals.add(new long[] { java.time.Instant.parse(task.path("startedAt").asString()).toEpochMilli(),
					java.time.Instant.parse(task.path("finishedAt").asString()).toEpochMilli() });
		}
		int mostAtOnce = 0;
		for (long[] interval : intervals) {
			long at = interval[0];
			int running = (int) intervals.stream().filter((other) -> other[0] <= at && at < other[1]).count();
			mostAtOnce = Math.max(mostAtOnce, running);
		}
		assertThat(mostAtOnce).isEqualTo(3);
		long firstFinish = intervals.stream().mapToLong((interval) -> interval[1]).min().orElseThrow();
		List<long[]> byStart = intervals.stream().sorted(java.util.Comparator.comparingLong((long[] interval) -> interval[0]))
			.toList();
		assertThat(byStart.subList(0, 3)).as("three start at once").allMatch((interval) -> interval[0] < firstFinish);
		assertThat(byStart.subList(3, 6)).as("the others wait for a worker").allMatch((interval) -> interval[0] >= firstFinish);
		// first in, first out: the task table, not the queue's groups, decides which start first
		List<Long> starts = intervals.stream().map((interval) -> interval[0]).toList();
		assertThat(starts).as("started in the order sent").isSorted();
	}

	@Test
	void aSixthActiveExportOfOneOwnerIsRefusedWith429AndRetryAfter() {
		stack().proxy().throttle(300_000);
		for (String material : List.of("rock", "glass", "mineral", "inclusion", "rock,glass")) {
			start(ALL_KEY, "material=" + material);
		}

		ResponseEntity<JsonNode> sixth = requestExport(ALL_KEY, "petdb", "material=glass,mineral");

		assertThat(sixth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(sixth.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(sixth.getBody().path("code").asString()).isEqualTo("TOO_MANY_ACTIVE_EXPORTS");
	}

	@Test
	void cancelRacingCompletionAHundredTimesAlwaysEndsInOneLegalOutcomeThatTheEventsAgreeWith() {
		for (int i = 0; i < 100; i++) {
			ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "nasty", "fileType=json");
			String taskId = created.getBody().path("taskId").asString();
			ResponseEntity<JsonNode> cancel = http(OPERATOR_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel")
				.retrieve()
				.toEntity(JsonNode.class);
			JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);
			String status = finished.path("status").asString();
			List<String> events = eventDetails(taskId);

			List<String> statusChanges = events.stream().filter((e) -> e.contains(" -> ")).toList();
			assertThat(statusChanges.get(statusChanges.size() - 1)).endsWith("-> " + status);
			if (cancel.getStatusCode().value() == 409) {
				// it had finished when the cancel was answered (its mark may have landed in the last moment)
				assertThat(status).isEqualTo("Succeeded");
			}
			else {
				// taken while Pending or Processing (never 200: the task was not Cancelled before); a running job
				// that writes its last row before its next check still succeeds: which one wins is the race
				assertThat(cancel.getStatusCode().value()).isEqualTo(202);
				assertThat(status).isIn("Cancelled", "Succeeded");
			}
			if ("Cancelled".equals(status)) {
				assertThat(events).doesNotContain("DOWNLOAD_LINK_ISSUED");
			}
			if ("Succeeded".equals(status)) {
				assertThat(finished.path("files")).hasSize(1);
				assertThat(events).contains("FILE_STORED");
			}
			else {
				assertThat(finished.path("files")).isEmpty();
				assertThat(events).contains("CANCEL_REQUESTED");
			}
		}
	}

	private String start(String key, String query) {
		ResponseEntity<JsonNode> created = requestExport(key, "petdb", query);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String taskId = created.getBody().path("taskId").asString();
		this.started.add(new String[] { key, taskId });
		return taskId;
	}

	private boolean allFinished(List<String> taskIds) {
		for (String[] keyAndId : this.started) {
			if (taskIds.contains(keyAndId[1]) && Set.of("Pending", "Processing")
				.contains(task(keyAndId[0], keyAndId[1]).path("status").asString())) {
				return false;
			}
		}
		return true;
	}

	private List<String> eventDetails(String taskId) {
		return TaskEvents.trail(http(OPERATOR_KEY), taskId);
	}

}
