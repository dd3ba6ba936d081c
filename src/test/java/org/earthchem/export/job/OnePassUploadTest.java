package org.earthchem.export.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.BucketWatch;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TaskEvents;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files streamed straight into multipart uploads (the bulky index: three 5 MB parts a file): the bytes of a file
 * resumed after S3 went away equal those of an uninterrupted export, and a cancel between parts leaves nothing.
 */
class OnePassUploadTest extends IntegrationTest {

	private static final Pattern RESUMED_AT = Pattern.compile("file (\\d+) \\(.*\\) after row ([\\d,]+)");

	@Autowired
	private ExportBucket bucket;

	private BucketWatch watch;

	@BeforeEach
	void watchBucket() {
		this.watch = new BucketWatch(stack().s3Endpoint(), LocalStack.BUCKET);
	}

	@AfterEach
	void restore() {
		stack().s3Proxy().restore();
		this.watch.close();
	}

	@Test
	void whenS3RefusesConnectionsAfterTwoPartsTheRetryResumesTheUploadAndTheFilesAreTheSame() {
		// about a second a part, so the cut lands while the third part is on its way
		stack().s3Proxy().throttleUploads(5_000_000);
		JsonNode created = requestExport(OPERATOR_KEY, "bulky", "seq.min=1").getBody();
		String taskId = created.path("taskId").asString();
		String folder = folderOf(created);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
			.until(() -> this.watch.uploadedParts(folder) >= 2);

		stack().s3Proxy().cut();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> eventTypes(taskId).contains("RETRY_SCHEDULED"));
		stack().s3Proxy().restore();
		JsonNode resumed = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(resumed.path("status").asString()).isEqualTo("Succeeded");
		Matcher at = RESUMED_AT.matcher(eventDetail(taskId, "RESUMED"));
		assertThat(at.find()).isTrue();
		assertThat(at.group(1)).isEqualTo("1");
		// how many rows the first attempt got into its uploaded parts depends on when the cut landed
		assertThat(Long.parseLong(at.group(2).replace(",", ""))).as("rows of file 1 kept from the first attempt")
			.isPositive();
		assertThat(sha256s(resumed)).hasSize(2).isEqualTo(sha256s(export(OPERATOR_KEY, "bulky", "seq.min=0")));
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
	}

	@Test
	void anExportCancelledBetweenTwoPartUploadsLeavesNoObjectAndNoUnfinishedUpload() {
		stack().s3Proxy().throttleUploads(3_000_000);
		JsonNode created = requestExport(OPERATOR_KEY, "bulky", "seq.min=2").getBody();
		String taskId = created.path("taskId").asString();
		String folder = folderOf(created);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
			.until(() -> this.watch.uploadedParts(folder) >= 1);

		http(OPERATOR_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel").retrieve().toBodilessEntity();
		JsonNode task = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(task.path("status").asString()).isEqualTo("Cancelled");
		// stopped at a check before its last part, not at the end (how far it got depends on the machine's speed)
		assertThat(task.path("progress").path("rowsWritten").asLong())
			.isLessThan(task.path("progress").path("totalRows").asLong());
		assertThat(this.bucket.objects(folder)).isEmpty();
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
	}

	@Test
	void progressCountsOnlyRowsWhosePartIsUploadedOrOnItsWay() {
		// slow enough that the first part is still on its way when progress is first written
		stack().s3Proxy().throttleUploads(2_000_000);
		JsonNode created = requestExport(OPERATOR_KEY, "bulky", "seq.min=3&fileType=json").getBody();
		String taskId = created.path("taskId").asString();

		long firstProgress = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
			.until(() -> task(OPERATOR_KEY, taskId).path("progress").path("rowsWritten").asLong(), (rows) -> rows > 0);
		http(OPERATOR_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel").retrieve().toBodilessEntity();
		awaitFinished(OPERATOR_KEY, taskId);

		// a part is cut at 5 MB, about 300 bulky rows; a whole page read (200 rows) never counts by itself. A range,
		// not a figure: whether the first progress write sees one part on its way or already two depends on timing
		assertThat(firstProgress).isBetween(250L, 700L);
	}

	private String folderOf(JsonNode task) {
		return this.bucket.folder("bulky", Instant.parse(task.path("createdAt").asString()),
				task.path("taskId").asString());
	}

	private static List<String> sha256s(JsonNode task) {
		return StreamSupport.stream(task.path("files").spliterator(), false)
			.map((file) -> file.path("sha256").asString())
			.toList();
	}

	private List<String> eventTypes(String taskId) {
		return TaskEvents.types(http(OPERATOR_KEY), taskId);
	}

	private String eventDetail(String taskId, String type) {
		return TaskEvents.detail(http(OPERATOR_KEY), taskId, type);
	}

}
