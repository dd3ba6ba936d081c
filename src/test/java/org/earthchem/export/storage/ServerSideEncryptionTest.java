package org.earthchem.export.storage;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceJvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The production encryption settings reach an S3 server that honours them: S3Proxy's transient store takes the
 * {@code x-amz-server-side-encryption} headers of PutObject and CreateMultipartUpload and reports them on
 * HeadObject (its filesystem store, which the rest of the tests use, answers them 501). A whole PetDB export of three
 * files, each a multipart upload, runs in a service configured as in production.
 */
class ServerSideEncryptionTest extends IntegrationTest {

	private static final String KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/0c1d2e3f-export-test";

	private S3Proxy encryptingS3;

	private String endpoint;

	private S3Client s3;

	@BeforeEach
	void startEncryptingS3() throws Exception {
		TransientNio2BlobStore store = new TransientNio2BlobStore();
		store.createContainer(LocalStack.BUCKET);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.endpoint = "http://127.0.0.1:" + port;
		this.encryptingS3 = S3Proxy.builder()
			.blobStore(store)
			.endpoint(URI.create(this.endpoint))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "local", "local")
			.build();
		this.encryptingS3.start();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
			.until(() -> "STARTED".equals(this.encryptingS3.getState()));
		this.s3 = S3Client.builder()
			.endpointOverride(URI.create(this.endpoint))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.forcePathStyle(true)
			.build();
	}

	@AfterEach
	void stopEncryptingS3() throws Exception {
		this.s3.close();
		this.encryptingS3.stop();
	}

	@Test
	void anExportWithSseAes256StoresEveryFileEncryptedWithAes256() throws Exception {
		JsonNode task = exportWith(Map.of("export.s3.sse", "AES256"));

		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(storedFiles()).extracting(HeadObjectResponse::serverSideEncryption, HeadObjectResponse::ssekmsKeyId)
			.containsExactly(tuple(ServerSideEncryption.AES256, null), tuple(ServerSideEncryption.AES256, null),
					tuple(ServerSideEncryption.AES256, null));
		assertDownloadsMatchTheirChecksums(task);
	}

	@Test
	void anExportWithSseKmsStoresEveryFileEncryptedUnderTheConfiguredKey() throws Exception {
		JsonNode task = exportWith(Map.of("export.s3.sse", "aws:kms", "export.s3.kms-key-id", KMS_KEY));

		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(storedFiles()).extracting(HeadObjectResponse::serverSideEncryption, HeadObjectResponse::ssekmsKeyId)
			.containsExactly(tuple(ServerSideEncryption.AWS_KMS, KMS_KEY), tuple(ServerSideEncryption.AWS_KMS, KMS_KEY),
					tuple(ServerSideEncryption.AWS_KMS, KMS_KEY));
		assertDownloadsMatchTheirChecksums(task);
	}

	/** The whole test PetDB index (three files of up to 700 rows) exported by a service storing in the encrypting S3. */
	private JsonNode exportWith(Map<String, String> encryption) throws Exception {
		// a queue of its own: the test's own service listens on the shared one
		Map<String, String> properties = ServiceJvm.settings("encryption");
		properties.put("spring.cloud.aws.s3.endpoint", this.endpoint);
		properties.putAll(encryption);
		try (ServiceJvm service = new ServiceJvm(properties,
				Path.of("target", "encryption-service-" + encryption.get("export.s3.sse").replace(':', '-') + ".log")
					.toAbsolutePath())
			.awaitReady()) {
			String created = service.send("POST", "/api/v1/sources/petdb/exports?fileType=csv").body();
			String taskId = this.json.readTree(created).path("taskId").asString();
			assertThat(taskId).as(created).isNotEmpty();
			return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
				.until(() -> this.json.readTree(service.send("GET", "/api/v1/exports/" + taskId).body()),
						(t) -> !t.path("status").asString().matches("Pending|Processing"));
		}
	}

	/** What the server reports of every object it holds, in key order. */
	private List<HeadObjectResponse> storedFiles() {
		List<S3Object> objects = this.s3.listObjectsV2((r) -> r.bucket(LocalStack.BUCKET)).contents();
		assertThat(objects).hasSize(3);
		return objects.stream()
			.map((object) -> this.s3.headObject((r) -> r.bucket(LocalStack.BUCKET).key(object.key())))
			.toList();
	}

	private void assertDownloadsMatchTheirChecksums(JsonNode task) throws Exception {
		assertThat(task.path("files")).hasSize(3);
		for (JsonNode file : task.path("files")) {
			byte[] bytes = fetch(file.path("downloadUrl").asString()).getBody();
			assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
				.isEqualTo(file.path("sha256").asString());
		}
	}

}
