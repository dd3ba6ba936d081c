package org.earthchem.export.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service killed in the middle of an export: the next one finishes it, with the file an uninterrupted run gives. */
class KilledServiceTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@TempDir
	Path home;

	@AfterEach
	void restoreCluster() {
		stack().proxy().restore();
	}

	@Test
	void anExportWhoseServiceIsKilledMidwayIsResumedByTheNextServiceAndGivesTheSameFiles() throws Exception {
		Map<String, String> properties = new LinkedHashMap<>(stack().properties());
		properties.put("spring.profiles.active", "test");
		// what must outlive the killed JVM: the job repository and the part files
		properties.put("spring.datasource.url", "jdbc:h2:file:" + this.home.resolve("jobs"));
		properties.put("export.storage.work-dir", this.home.resolve("work").toString());
		properties.put("export.lease", "3s");
		String query = "columns=sample_id,location,chemistry.whole_rock.major";

		String taskId;
		stack().proxy().throttle(300_000);
		try (ServiceJvm first = new ServiceJvm(properties, this.home.resolve("first.log")).awaitReady()) {
			JsonNode created = this.json.readTree(first.send("POST", "/api/v1/exports/petdb?" + query).body());
			taskId = created.path("taskId").asString();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
				.until(() -> this.tasks.find(taskId).orElseThrow().progress().rowsWritten() > 0);
			first.kill();
		}
		long killed = System.nanoTime();
		ExportTask orphan = this.tasks.find(taskId).orElseThrow();
		assertThat(orphan.status()).isEqualTo(TaskStatus.PROCESSING);
		assertThat(orphan.progress().rowsWritten()).isLessThan(1500);
		stack().proxy().restore();

		ExportTask resumed;
		try (ServiceJvm second = new ServiceJvm(properties, this.home.resolve("second.log")).awaitReady()) {
			resumed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
				.until(() -> this.tasks.find(taskId).orElseThrow(), (t) -> t.status() == TaskStatus.SUCCEEDED);
		}
		double recoverySeconds = (System.nanoTime() - killed) / 1e9;

		JsonNode uninterrupted = export(OPERATOR_KEY, "petdb", query);
		List<String> expected = new ArrayList<>();
		uninterrupted.path("files").forEach((file) -> expected.add(file.path("sha256").asString()));
		assertThat(resumed.files().stream().map(ExportFile::sha256).toList()).hasSize(3).isEqualTo(expected);
		assertThat(resumed.attempts()).isEqualTo(2);
		assertThat(this.tasks.events(taskId).stream().map((e) -> e.detail()).toList())
			.contains("Processing -> Failed", "Failed -> Pending");
		// for the record: from the kill to Succeeded, including the second JVM's start and the lease
		System.out.printf("recovery after kill -9: %.1f s%n", recoverySeconds);
		assertThat(Files.exists(this.home.resolve("work").resolve(taskId))).isFalse();
	}

}
