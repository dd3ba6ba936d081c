package org.earthchem.export.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.BucketWatch;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service killed in the middle of an export, after some parts are in the bucket: the next one resumes from the
 * last uploaded part and the files are those an uninterrupted run gives.
 */
class KilledServiceTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private ExportBucket bucket;

	@TempDir
	Path home;

	@AfterEach
	void restore() {
		stack().s3Proxy().restore();
	}

	@Test
	void anExportWhoseServiceIsKilledAfterAnUploadedPartIsResumedFromThatPartAndGivesTheSameFiles() throws Exception {
		// a queue of their own (the test's own service listens on the shared one)
		Map<String, String> properties = ServiceJvm.settings("killed-service");
		// what must outlive the killed JVM: the job repository (and the bucket, which is not the service's)
		properties.put("spring.datasource.url", "jdbc:h2:file:" + this.home.resolve("jobs"));
		properties.put("export.lease", "3s");
		// a dead node's message is back in 5 s
		properties.put("export.queue.visibility-timeout", "5s");
		String query = "seq.min=-1";

		String taskId;
		long rowsShippedAtKill;
		// about a second a part: the kill lands while a part is on its way
		stack().s3Proxy().throttleUploads(5_000_000);
		try (BucketWatch watch = new BucketWatch(stack().s3Endpoint(), LocalStack.BUCKET);
				ServiceJvm first = new ServiceJvm(node(properties, "node-a"), this.home.resolve("first.log")).awaitReady()) {
			JsonNode created = this.json.readTree(first.send("POST", "/api/v1/exports/bulky?" + query).body());
			taskId = created.path("taskId").asString();
			String folder = this.bucket.folder("bulky", Instant.parse(created.path("createdAt").asString()), taskId);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
				.until(() -> watch.uploadedParts(folder) >= 2);
			rowsShippedAtKill = this.tasks.find(taskId).orElseThrow().progress().rowsWritten();
			first.kill();
		}
		assertThat(this.tasks.find(taskId).orElseThrow().status()).isEqualTo(TaskStatus.PROCESSING);
		stack().s3Proxy().restore();

		ExportTask resumed;
		double secondsToResume;
		try (ServiceJvm second = new ServiceJvm(node(properties, "node-b"), this.home.resolve("second.log")).awaitReady()) {
			long started = System.nanoTime();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
				.until(() -> resumedEvent(taskId) != null);
			secondsToResume = (System.nanoTime() - started) / 1e9;
			resumed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
				.until(() -> this.tasks.find(taskId).orElseThrow(), (t) -> t.status() == TaskStatus.SUCCEEDED);
		}

		String where = resumedEvent(taskId).detail();
		assertThat(where).matches("file 1 \\(.*\\) after row [1-9][\\d,]*; .*").endsWith("on node-b");
		assertThat(this.tasks.events(taskId).stream().map(TaskEvent::detail).toList())
			.containsSubsequence("Pending -> Processing on node-a", "Pending -> Processing on node-b");
		assertThat(resumed.node()).isEqualTo("node-b");
		List<String> expected = export(OPERATOR_KEY, "bulky", "seq.min=-2").path("files").findValuesAsString("sha256");
		assertThat(resumed.files().stream().map(ExportFile::sha256).toList()).hasSize(2).isEqualTo(expected);
		assertThat(resumed.attempts()).isEqualTo(2);
		// for the record: the resume figures the issue asks for
		System.out.printf("resume after kill -9: RESUMED %.1f s after the second service was ready, at %s "
				+ "(rows shipped when killed: %d)%n", secondsToResume, where, rowsShippedAtKill);
	}

	@Test
	void aRestartOfMakeRunWithItsEmptyInProcessQueueQueuesItsExportAgainAndTakesItOverAtOnce() throws Exception {
		// make run: one node, a job repository in a file, and a queue that lives in its launcher JVM (gone with it)
		Map<String, String> properties = ServiceJvm.settings("make-run-before");
		properties.put("spring.datasource.url", "jdbc:h2:file:" + this.home.resolve("make-run-jobs"));
		String taskId;
		stack().s3Proxy().throttleUploads(5_000_000);
		try (BucketWatch watch = new BucketWatch(stack().s3Endpoint(), LocalStack.BUCKET);
				ServiceJvm before = new ServiceJvm(node(properties, "laptop"), this.home.resolve("before.log")).awaitReady()) {
			JsonNode created = this.json.readTree(before.send("POST", "/api/v1/exports/bulky?seq.min=-3").body());
			taskId = created.path("taskId").asString();
			String folder = this.bucket.folder("bulky", Instant.parse(created.path("createdAt").asString()), taskId);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
				.until(() -> watch.uploadedParts(folder) >= 2);
			before.kill();
		}
		stack().s3Proxy().restore();

		// the next make run: a new, empty queue, and the export it left Processing
		Map<String, String> restarted = ServiceJvm.settings("make-run-after");
		restarted.put("spring.datasource.url", properties.get("spring.datasource.url"));
		restarted.put("export.queue.resend-at-start", "true");
		ExportTask finished;
		try (ServiceJvm after = new ServiceJvm(node(restarted, "laptop"), this.home.resolve("after.log")).awaitReady()) {
			finished = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
				.until(() -> this.tasks.find(taskId).orElseThrow(), (t) -> !t.status().isActive());
		}

		assertThat(finished.status()).isEqualTo(TaskStatus.SUCCEEDED);
		assertThat(finished.attempts()).isEqualTo(2);
		assertThat(resumedEvent(taskId).detail()).matches("file 1 \\(.*\\) after row [1-9][\\d,]*; .*");
		assertThat(this.tasks.events(taskId).stream().map(TaskEvent::detail).toList())
			.containsSubsequence("Pending -> Processing on laptop", "Processing -> Pending", "Pending -> Processing on laptop")
			.noneMatch((detail) -> detail.contains("Failed"));
		List<String> expected = export(OPERATOR_KEY, "bulky", "seq.min=-4").path("files").findValuesAsString("sha256");
		assertThat(finished.files().stream().map(ExportFile::sha256).toList()).isEqualTo(expected);
	}

	private static Map<String, String> node(Map<String, String> properties, String nodeId) {
		Map<String, String> node = new LinkedHashMap<>(properties);
		node.put("export.node-id", nodeId);
		return node;
	}

	private TaskEvent resumedEvent(String taskId) {
		return this.tasks.events(taskId).stream()
			.filter((event) -> event.type() == TaskEventType.RESUMED)
			.findFirst()
			.orElse(null);
	}

}
