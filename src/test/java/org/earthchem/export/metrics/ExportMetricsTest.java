package org.earthchem.export.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.queue.QueueProperties;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.QueueDepth;
import org.earthchem.export.support.Scrape;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service's own meters at {@code /actuator/prometheus}, after exports that succeed, fail and are cancelled. */
class ExportMetricsTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private ExportBucket bucket;

	@Autowired
	private SqsAsyncClient sqs;

	@Autowired
	private QueueProperties queue;

	// an owner of its own for the task written straight into the table
	private final StoredTasks stored = new StoredTasks("export-metrics-test-" + UUID.randomUUID());

	@AfterEach
	void restoreServers() {
		stack().proxy().restore();
		stack().s3Proxy().restore();
		this.stored.end(this.tasks);
	}

	@Test
	void aSucceededExportCountsOnceWithItsDurationRowsBytesMailAndDownload() throws IOException {
		Scrape before = scrape();

		JsonNode task = export(OPERATOR_KEY, "synthesis", "fileType=json&columns=sample_id,material");
		download(OPERATOR_KEY, task.path("taskId").asString(), 1);

		Map<String, String> tags = Map.of("source", "synthesis", "file_type", "json");
		Scrape after = awaitScrape((s) -> s.value("export_notifications_total", Map.of("outcome", "sent"))
				> before.value("export_notifications_total", Map.of("outcome", "sent")));
		assertThat(after.delta(before, "export_tasks_accepted_total", tags)).isEqualTo(1);
		assertThat(after.delta(before, "export_tasks_finished_total", with(tags, "status", "succeeded"))).isEqualTo(1);
		assertThat(after.delta(before, "export_duration_seconds_count", with(tags, "status", "succeeded"))).isEqualTo(1);
		// what the bucket holds: the objects' bytes, the objects in each JSON array
		long rows = 0;
		long bytes = 0;
		for (ExportFile file : this.tasks.find(task.path("taskId").asString()).orElseThrow().files()) {
			try (InputStream object = this.bucket.open(file.location())) {
				byte[] stored = object.readAllBytes();
				bytes += stored.length;
				rows += this.json.readTree(stored).size();
			}
		}
		assertThat(after.delta(before, "export_rows_total", tags)).isEqualTo(rows);
		assertThat(after.delta(before, "export_bytes_total", tags)).isEqualTo(bytes);
		assertThat(after.delta(before, "export_queue_wait_seconds_count", Map.of())).isEqualTo(1);
		// pages of 200 rows: the full ones and the short one that ends the export
		assertThat(after.delta(before, "export_page_read_seconds_count", Map.of())).isEqualTo(rows / 200 + 1);
		assertThat(after.delta(before, "export_downloads_total", Map.of("kind", "stream"))).isEqualTo(1);
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
		Map<String, String> tags = Map.of("source", "synthesis", "file_type", "json", "status", "cancelled");
		// the status is written before the run has ended and counted its end
		Scrape after = awaitScrape((s) -> s.delta(before, "export_tasks_finished_total", tags) >= 1);
		assertThat(after.delta(before, "export_tasks_finished_total", tags)).isEqualTo(1);
		assertThat(after.delta(before, "export_tasks_finished_total", Map.of("status", "succeeded"))).isZero();
	}

	@Test
	void anExportRunningOnThisNodeShowsInTheRunningGauge() {
		stack().proxy().throttle(100_000);
		String taskId = requestExport(OPERATOR_KEY, "synthesis", "fileType=json").getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> "Processing".equals(task(OPERATOR_KEY, taskId).path("status").asString()));

		Scrape running = scrape();

		assertThat(running.value("export_tasks_running", Map.of())).isEqualTo(1);
	}

	@Test
	void aWaitingExportShowsInThePendingGauge() {
		// the gauge is read from the task table every 15 seconds, not at each scrape; nothing else waits (every test
		// ends what it started), so it reads 0 first, and then the one task stored here
		awaitScrape((s) -> s.value("export_tasks_pending", Map.of()) == 0);
		this.stored.pending(this.tasks, this.tasks.now());

		Scrape pending = awaitScrape((s) -> s.value("export_tasks_pending", Map.of()) > 0);

		assertThat(pending.value("export_tasks_pending", Map.of())).isEqualTo(1);
	}

	@Test
	void theDeadLetterGaugeFollowsTheMessagesTheDeadLetterQueueHolds() {
		// the gauge is read from the queue every 15 seconds, not at each scrape
		long held = QueueDepth.visible(this.sqs, this.queue.deadLetterName());
		awaitScrape((s) -> s.value("export_queue_dead_letters", Map.of()) == held);
		String url = this.sqs.getQueueUrl((r) -> r.queueName(this.queue.deadLetterName())).join().queueUrl();
		String body = "export-metrics-test-" + UUID.randomUUID();
		this.sqs.sendMessage((r) -> r.queueUrl(url).messageBody(body).messageGroupId(body).messageDeduplicationId(body))
			.join();

		Scrape scraped = awaitScrape((s) -> s.value("export_queue_dead_letters", Map.of()) != held);

		assertThat(scraped.value("export_queue_dead_letters", Map.of()))
			.isEqualTo(QueueDepth.visible(this.sqs, this.queue.deadLetterName()))
			.isEqualTo(held + 1);
	}

	private Scrape scrape() {
		return Scrape.of(http(OPERATOR_KEY));
	}

	private Scrape awaitScrape(java.util.function.Predicate<Scrape> condition) {
		return Scrape.awaitOf(http(OPERATOR_KEY), condition);
	}

	private static Map<String, String> with(Map<String, String> tags, String name, String value) {
		Map<String, String> more = new HashMap<>(tags);
		more.put(name, value);
		return more;
	}

}
