package org.earthchem.export.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.Sha256;
import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.BucketWatch;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TaskEvents;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A part overwritten in the middle of an upload (what a run that lost its export sends when it wakes) is never
 * stored: the file is completed only with the parts of the current run's own list, and the export goes on from its
 * checkpoint to the bytes of an uninterrupted run.
 */
class StalePartTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private ExportBucket bucket;

	@AfterEach
	void restore() {
		stack().s3Proxy().restore();
	}

	@Test
	void aPartOverwrittenBehindTheRunsBackMakesItUploadTheFileAgainFromItsCheckpointAndNeverStoresTheOtherBytes()
			throws Exception {
		List<String> uninterrupted = export(OPERATOR_KEY, "bulky", "seq.min=-30").path("files").findValuesAsString("sha256");
		// about a second a part: the overwrite lands while the file is still being uploaded
		stack().s3Proxy().throttleUploads(5_000_000);
		JsonNode created = requestExport(OPERATOR_KEY, "bulky", "seq.min=-31").getBody();
		String taskId = created.path("taskId").asString();
		String folder = this.bucket.folder("bulky", Instant.parse(created.path("createdAt").asString()), taskId);
		byte[] stale = new byte[5 * 1024 * 1024];
		Arrays.fill(stale, (byte) 'x');
		try (BucketWatch watch = new BucketWatch(stack().s3Endpoint(), LocalStack.BUCKET)) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
				.until(() -> watch.uploadedParts(folder) >= 2);
			watch.overwriteFirstPart(folder, stale);
		}
		stack().s3Proxy().restore();

		ExportTask finished = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.tasks.find(taskId).orElseThrow(), (t) -> !t.status().isActive());

		assertThat(finished.status()).isEqualTo(TaskStatus.SUCCEEDED);
		assertThat(finished.attempts()).isEqualTo(2);
		assertThat(TaskEvents.detail(http(OPERATOR_KEY), taskId, "RETRY_SCHEDULED")).endsWith("after INTERRUPTED");
		assertThat(finished.files().stream().map(ExportFile::sha256).toList()).isEqualTo(uninterrupted);
		for (ExportFile file : finished.files()) {
			try (var stored = this.bucket.open(file.location())) {
				assertThat(Sha256.hex(stored.readAllBytes())).as(file.name()).isEqualTo(file.sha256());
			}
		}
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
	}

}
