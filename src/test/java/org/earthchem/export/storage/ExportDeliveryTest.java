package org.earthchem.export.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.Sha256;
import org.earthchem.export.support.Bucket;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.Mails;
import org.earthchem.export.support.TaskEvents;
import org.earthchem.export.support.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Finished exports in the bucket: metadata, digests, pre-signed links, downloads, failures and cancellation. */
class ExportDeliveryTest extends IntegrationTest {

	@Autowired
	private ExportBucket bucket;

	@Autowired
	private RetentionSweep retention;

	private List<String> eventTypes(String taskId) {
		return TaskEvents.types(http(OPERATOR_KEY), taskId);
	}

	@Test
	void eachStoredObjectCarriesItsTaskAndHoldsTheBytesAndDigestTheTaskRecords() throws Exception {
		JsonNode task = export(ALL_KEY, "petdb", "material=glass&columns=sample_id,material,chemistry");
		String taskId = task.path("taskId").asString();
		String month = task.path("createdAt").asString().substring(0, 7).replace('-', '/');

		try (S3Client s3 = Bucket.client(stack().s3Endpoint())) {
			for (JsonNode file : task.path("files")) {
				String key = "exports/petdb/" + month + "/" + taskId + "/" + file.path("name").asString();
				HeadObjectResponse head = s3.headObject((r) -> r.bucket(this.bucket.name()).key(key));
				byte[] bytes = s3.getObjectAsBytes((r) -> r.bucket(this.bucket.name()).key(key)).asByteArray();

				assertThat(head.metadata()).containsEntry("task-id", taskId);
				assertThat(head.contentType()).startsWith("text/csv");
				assertThat(bytes).hasSize(file.path("bytes").asInt());
				assertThat(Sha256.hex(bytes)).isEqualTo(file.path("sha256").asString());
			}
		}
		assertThat(eventTypes(taskId)).contains("FILE_STORED", "DOWNLOAD_LINK_ISSUED");
	}

	@Test
	void aPreSignedLinkFetchedByAPlainHttpClientReturnsTheExactFile() throws Exception {
		JsonNode task = export(ALL_KEY, "petdb", "material=rock&columns=sample_id,location");
		JsonNode file = task.path("files").get(0);

		ResponseEntity<byte[]> response = fetch(file.path("downloadUrl").asString());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(Sha256.hex(response.getBody())).isEqualTo(file.path("sha256").asString());
		assertThat(response.getHeaders().getFirst("Content-Disposition")).contains("attachment")
			.contains(file.path("name").asString());
		assertThat(file.path("expiresAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
	}

	@Test
	void aPreSignedLinkWithATamperedSignatureIsRefused() {
		JsonNode task = export(ALL_KEY, "petdb", "material=mineral&columns=sample_id");
		String url = task.path("files").get(0).path("downloadUrl").asString();
		String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
		String tampered = url.replace(signature, (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));

		assertThat(fetch(tampered).getStatusCode().value()).isEqualTo(403);
	}

	@Test
	void anExpiredPreSignedLinkIsRefused() throws Exception {
		JsonNode task = export(ALL_KEY, "petdb", "material=inclusion&columns=sample_id");
		JsonNode file = task.path("files").get(0);
		String key = this.bucket.folder("petdb", java.time.Instant.parse(task.path("createdAt").asString()),
				task.path("taskId").asString()) + file.path("name").asString();
		try (S3Client s3 = Bucket.client(stack().s3Endpoint());
				S3Presigner presigner = Bucket.presigner(stack().s3Endpoint())) {
			ExportBucket shortLived = new ExportBucket(s3, presigner,
					new BucketProperties(this.bucket.name(), "exports", "none", null, DataSize.ofMegabytes(8),
							Duration.ofMinutes(10)),
					new LinkProperties(Duration.ofSeconds(1), 10_000), Clock.systemUTC());
			String url = shortLived.presign(key, file.path("name").asString(), "text/csv").url();
			assertThat(fetch(url).getStatusCode().value()).as("before it expires").isEqualTo(200);

			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
				.until(() -> fetch(url).getStatusCode().value() == 403);
		}
	}

	@Test
	void aSmallExportIsStreamedByDownloadWithItsFileHeaders() throws Exception {
		JsonNode task = export(ALL_KEY, "petdb", "material=glass&columns=sample_id,igsn&fileType=json");
		String taskId = task.path("taskId").asString();
		JsonNode file = task.path("files").get(0);
		assertThat(task.path("progress").path("rowsWritten").asLong()).isLessThan(1000);

		ResponseEntity<byte[]> response = http(ALL_KEY).get().uri("/api/v1/exports/" + taskId + "/download")
			.retrieve()
			.toEntity(byte[].class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/json");
		assertThat(response.getHeaders().getFirst("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + file.path("name").asString() + "\"");
		assertThat(response.getHeaders().getContentLength()).isEqualTo(file.path("bytes").asLong());
		assertThat(Sha256.hex(response.getBody())).isEqualTo(file.path("sha256").asString());
		assertThat(eventTypes(taskId)).contains("DOWNLOADED");
	}

	@Test
	void aLargerExportRedirectsDownloadToAFreshPreSignedLink() throws Exception {
		JsonNode task = export(ALL_KEY, "petdb", "columns=sample_id,material");
		String taskId = task.path("taskId").asString();
		assertThat(task.path("progress").path("rowsWritten").asLong()).isEqualTo(TestStack.PETDB_DOCUMENTS);
		long linksBefore = eventTypes(taskId).stream().filter("DOWNLOAD_LINK_ISSUED"::equals).count();

		ResponseEntity<byte[]> response = http(ALL_KEY).get().uri("/api/v1/exports/" + taskId + "/download?part=2")
			.retrieve()
			.toEntity(byte[].class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		String location = response.getHeaders().getLocation().toString();
		assertThat(location).contains("X-Amz-Signature=").contains(taskId + "-part-002.csv");
		byte[] bytes = fetch(location).getBody();
		assertThat(Sha256.hex(bytes)).isEqualTo(task.path("files").get(1).path("sha256").asString());
		List<String> types = eventTypes(taskId);
		assertThat(types.stream().filter("DOWNLOAD_LINK_ISSUED"::equals).count()).isEqualTo(linksBefore + 1);
		assertThat(types).contains("DOWNLOADED");
	}

	@Test
	void whenS3IsUnreachableForTheFirstAttemptTheRetryStoresTheFilesAndTheTaskSucceeds() {
		stack().s3Proxy().cut();
		String taskId = requestExport(ALL_KEY, "petdb", "material=rock,glass&columns=sample_id").getBody()
			.path("taskId")
			.asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> eventTypes(taskId).contains("RETRY_SCHEDULED"));
		stack().s3Proxy().restore();

		JsonNode task = awaitFinished(ALL_KEY, taskId);

		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		// how many retries the outage cost depends on how long it lasted on this machine: each is one more attempt
		long retries = eventTypes(taskId).stream().filter("RETRY_SCHEDULED"::equals).count();
		assertThat(task.path("attempts").asInt()).isEqualTo(retries + 1);
		assertThat(eventTypes(taskId)).contains("RETRY_SCHEDULED", "FILE_STORED");
		assertThat(fetch(task.path("files").get(0).path("downloadUrl").asString()).getStatusCode().value())
			.isEqualTo(200);
	}

	@Test
	void whenS3StaysUnreachableTheTaskFailsAfterThreeAttemptsWithAClearCauseAndLeavesNoUpload() {
		stack().s3Proxy().cut();
		String taskId = requestExport(ALL_KEY, "petdb", "material=mineral,glass&columns=sample_id").getBody()
			.path("taskId")
			.asString();

		JsonNode task = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
			.until(() -> task(ALL_KEY, taskId), (t) -> t.path("status").asString().equals("Failed")
					&& t.path("attempts").asInt() == 3);
		stack().s3Proxy().restore();

		assertThat(task.path("error").path("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
		assertThat(task.path("error").path("message").asString()).contains("file store").contains(taskId);
		assertThat(eventTypes(taskId).stream().filter("RETRY_SCHEDULED"::equals).count()).isEqualTo(2);
		String folder = this.bucket.folder("petdb", java.time.Instant.parse(task.path("createdAt").asString()), taskId);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.bucket.objects(folder)).isEmpty();
			assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
		});
		assertThat(Mails.awaitTextTo("all-user@example.org", taskId)).contains("STORAGE_UNAVAILABLE")
			.contains(task.path("error").path("message").asString());
	}

	@Test
	void anExportCancelledAfterItsFirstFileIsStoredLeavesNoObjectAndNoUpload() {
		// three files of ~2.8 MB, each taking ~3 s to upload: the cancel lands before the last one is stored
		stack().s3Proxy().throttleUploads(1_000_000);
		String taskId = requestExport(ALL_KEY, "petdb", "material=rock,glass,mineral,inclusion").getBody()
			.path("taskId")
			.asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> eventTypes(taskId).contains("FILE_STORED"));

		http(ALL_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel").retrieve().toBodilessEntity();
		JsonNode task = awaitFinished(ALL_KEY, taskId);

		assertThat(task.path("status").asString()).isEqualTo("Cancelled");
		String folder = this.bucket.folder("petdb", java.time.Instant.parse(task.path("createdAt").asString()), taskId);
		assertThat(this.bucket.objects(folder)).isEmpty();
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
	}

	@Test
	void retentionRemovesTheObjectsOfOldExportsAndMarksTheirFilesRemoved() {
		JsonNode task = export(ALL_KEY, "petdb", "material=glass&columns=igsn");
		String taskId = task.path("taskId").asString();
		String folder = this.bucket.folder("petdb", java.time.Instant.parse(task.path("createdAt").asString()), taskId);
		assertThat(this.bucket.objects(folder)).hasSize(task.path("files").size());

		this.retention.expireCreatedBefore(java.time.Instant.parse(task.path("createdAt").asString()).plusMillis(1));

		assertThat(this.bucket.objects(folder)).isEmpty();
		JsonNode after = task(ALL_KEY, taskId);
		assertThat(after.path("status").asString()).isEqualTo("Succeeded");
		assertThat(after.path("files").get(0).path("downloadUrl").isNull()).isTrue();
		assertThat(eventTypes(taskId)).contains("FILES_EXPIRED");
		ResponseEntity<JsonNode> download = http(ALL_KEY).get().uri("/api/v1/exports/" + taskId + "/download")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(download.getBody().path("code").asString()).isEqualTo("FILE_EXPIRED");
	}

	@Test
	void aSucceededExportMailsItsOwnerTheLinksTheQueryAndTheCompletionTime() {
		JsonNode task = export(ALL_KEY, "petdb", "material=rock&columns=sample_id,igsn&sio2.min=40");
		String taskId = task.path("taskId").asString();

		String text = Mails.awaitTextTo("all-user@example.org", taskId);

		JsonNode file = task.path("files").get(0);
		assertThat(text).contains(file.path("downloadUrl").asString())
			.contains(file.path("sha256").asString())
			.contains(task.path("finishedAt").asString())
			.contains("material: rock");
		await().atMost(Duration.ofSeconds(10)).until(() -> eventTypes(taskId).contains("NOTIFICATION_SENT"));
	}

}
