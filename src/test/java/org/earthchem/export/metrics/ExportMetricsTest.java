package org.earthchem.export.metrics;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service's own meters at {@code /actuator/prometheus}, after exports that succeed, fail and are cancelled. */
class ExportMetricsTest extends IntegrationTest {

	@AfterEach
	void restoreServers() {
		stack().proxy().restore();
		stack().s3Proxy().restore();
	}

	@Test
	void aSucceededExportCountsOnceWithItsDurationRowsBytesMailAndDownload() {
		Scrape before = scrape();

		JsonNode task = export(OPERATOR_KEY, "synthesis", "fileType=json&columns=sample_id,material");
		download(OPERATOR_KEY, task.path("taskId").asString(), 1);

		Map<String, String> tags = Map.of("source", "synthesis", "file_type", "json");
		Scrape after = awaitScrape((s) -> s.value("export_notifications_total", Map.of("outcome", "sent"))
				> before.value("export_notifications_total", Map.of("outcome", "sent")));
		assertThat(after.delta(before, "export_tasks_accepted_total", tags)).isEqualTo(1);
		assertThat(after.delta(before, "export_tasks_finished_total", with(tags, "status", "succeeded"))).isEqualTo(1);
		assertThat(after.delta(before, "export_duration_seconds_count", with(tags, "status", "succeeded"))).isEqualTo(1);
		assertThat(after.delta(before, "export_rows_total", tags))
			.isEqualTo(task.path("files").findValues("rows").stream().mapToDouble(JsonNode::asDouble).sum());
		assertThat(after.delta(before, "export_bytes_total", tags))
			.isEqualTo(task.path("files").findValues("bytes").stream().mapToDouble(JsonNode::asDouble).sum());
		assertThat(after.delta(before, "export_queue_wait_seconds_count", Map.of())).isEqualTo(1);
		// pages of 200 rows: the full ones and the short one that ends the export
		assertThat(after.delta(before, "export_page_read_seconds_count", Map.of()))
			.isEqualTo(task.path("progress").path("rowsWritten").asLong() / 200 + 1);
		assertThat(after.delta(before, "export_downloads_total", Map.of("kind", "stream"))).isEqualTo(1);
		assertThat(after.names()).contains("export_tasks_pending", "export_tasks_running", "export_queue_dead_letters",
				"export_part_upload_seconds_count");
	}

	@Test
	void anExportFailingForGoodCountsItsRetriesAndOneFailure() {
		Scrape before = scrape();
		stack().s3Proxy().cut();

		JsonNode task = export(OPERATOR_KEY, "synthesis", "fileType=csv&columns=sample_id,material");

		assertThat(task.path("status").asString()).isEqualTo("Failed");
		Map<String, String> tags = Map.of("source", "synthesis", "file_type", "csv");
		// between two attempts a task reads Failed for a moment: wait for the failure that stands
		Scrape after = awaitScrape((s) -> s.delta(before, "export_tasks_finished_total", with(tags, "status", "failed")) >= 1);
		assertThat(after.delta(before, "export_tasks_finished_total", with(tags, "status", "failed"))).isEqualTo(1);
		assertThat(after.delta(before, "export_tasks_finished_total", with(tags, "status", "succeeded"))).isZero();
		assertThat(after.delta(before, "export_retries_total",
				Map.of("source", "synthesis", "code", "STORAGE_UNAVAILABLE"))).isEqualTo(2);
		assertThat(after.delta(before, "export_duration_seconds_count", with(tags, "status", "failed"))).isEqualTo(1);
	}

	@Test
	void aCancelledExportCountsOnceAsCancelled() {
		Scrape before = scrape();
		stack().proxy().throttle(100_000);
		ResponseEntity<JsonNode> created = requestExport(OPERATOR_KEY, "synthesis", "fileType=json");
		String taskId = created.getBody().path("taskId").asString();

		http(OPERATOR_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel").retrieve().toBodilessEntity();
		JsonNode cancelled = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(cancelled.path("status").asString()).isEqualTo("Cancelled");
		Scrape after = scrape();
		assertThat(after.delta(before, "export_tasks_finished_total",
				Map.of("source", "synthesis", "file_type", "json", "status", "cancelled"))).isEqualTo(1);
		assertThat(after.delta(before, "export_tasks_finished_total", Map.of("status", "succeeded"))).isZero();
	}

	private Scrape scrape() {
		return Scrape.of(http(OPERATOR_KEY).get().uri("/actuator/prometheus").retrieve().body(String.class));
	}

	private Scrape awaitScrape(java.util.function.Predicate<Scrape> condition) {
		return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
			.until(this::scrape, condition);
	}

	private static Map<String, String> with(Map<String, String> tags, String name, String value) {
		Map<String, String> more = new java.util.HashMap<>(tags);
		more.put(name, value);
		return more;
	}

}
