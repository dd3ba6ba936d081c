package org.earthchem.export.storage;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bucket client on the real S3 (S3Proxy): encryption headers, multipart uploads and their clean-up. */
class ExportBucketTest extends IntegrationTest {

	private static final String SSE = "x-amz-server-side-encryption";

	private static final String SSE_KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id";

	@Autowired
	private TaskStore tasks;

	@AfterEach
	void restore() {
		stack().s3Proxy().restore();
	}

	/** Records the encryption headers of each request, then takes them off: S3Proxy answers 501 to them. */
	static final class EncryptionHeaders implements ExecutionInterceptor {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
			SdkHttpRequest request = context.httpRequest();
			String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
			this.seen.add(operation + " " + request.firstMatchingHeader(SSE).orElse("-") + " "
					+ request.firstMatchingHeader(SSE_KMS_KEY).orElse("-"));
			return request.toBuilder().removeHeader(SSE).removeHeader(SSE_KMS_KEY).build();
		}

	}

	private ExportBucket bucket(S3Client s3, String sse, String kmsKeyId) {
		return new ExportBucket(s3,
				S3Presigner.builder().region(Region.US_EAST_1).endpointOverride(URI.create(stack().s3Endpoint())).build(),
				new BucketProperties(LocalStackBucket.NAME, "exports", sse, kmsKeyId, DataSize.ofMegabytes(5),
						Duration.ofMinutes(10)),
				new LinkProperties(Duration.ofDays(7), 10_000), Clock.systemUTC());
	}

	/** A bucket whose links are signed with session credentials that expire at {@code expiry}, or never (null). */
	private ExportBucket signedWith(Instant expiry) {
		AwsSessionCredentials.Builder credentials = AwsSessionCredentials.builder()
			.accessKeyId("local")
			.secretAccessKey("local")
			.sessionToken("session");
		if (expiry != null) {
			credentials.expirationTime(expiry);
		}
		AwsCredentialsProvider provider = StaticCredentialsProvider.create(credentials.build());
		return new ExportBucket(client(stack().s3Endpoint()),
				S3Presigner.builder().region(Region.US_EAST_1).endpointOverride(URI.create(stack().s3Endpoint())).build(),
				new BucketProperties(LocalStackBucket.NAME, "exports", "none", null, DataSize.ofMegabytes(5),
						Duration.ofMinutes(10)),
				new LinkProperties(Duration.ofDays(7), 10_000), Clock.systemUTC(), provider);
	}

	@Test
	void aLinkSignedWithCredentialsThatExpireSoonerLastsOnlyUntilThenAndSaysSo() {
		Instant credentialsExpire = Instant.now().plus(Duration.ofHours(1));

		IssuedLink link = signedWith(credentialsExpire).presign("exports/some/file.csv", "file.csv", "text/csv");

		assertThat(link.expiresAt()).isBetween(credentialsExpire.minusSeconds(5), credentialsExpire);
		String expires = link.url().replaceAll(".*[?&]X-Amz-Expires=(\\d+).*", "$1");
		assertThat(Long.parseLong(expires)).isBetween(3590L, 3600L);
		assertThat(link.url()).contains("X-Amz-Security-Token=session");
	}

	@Test
	void aLinkSignedWithCredentialsThatLastIsGivenTheConfiguredExpiry() {
		Instant before = Instant.now();

		IssuedLink link = signedWith(null).presign("exports/some/file.csv", "file.csv", "text/csv");

		assertThat(link.expiresAt()).isAfterOrEqualTo(before.plus(Duration.ofDays(7)).minusSeconds(1));
		assertThat(link.url()).contains("X-Amz-Expires=604800");
	}

	private S3Client client(String endpoint, ExecutionInterceptor... interceptors) {
		return S3Client.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.forcePathStyle(true)
			.overrideConfiguration((c) -> {
				for (ExecutionInterceptor interceptor : interceptors) {
					c.addExecutionInterceptor(interceptor);
				}
			})
			.build();
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static final int MB = 1024 * 1024;

	/** A file of one PutObject and one of three parts (the last part shorter). */
	private void uploadSmallAndLarge(ExportBucket bucket, String folder) {
		bucket.newUpload(folder + "small.csv", "text/csv", "task-1").finish(randomBytes(1000), 1000, 1000);
		FileUpload large = bucket.newUpload(folder + "large.csv", "text/csv", "task-1");
		large.uploadPart(randomBytes(5 * MB), 5 * MB);
		large.uploadPart(randomBytes(5 * MB), 5 * MB);
		large.finish(randomBytes(MB), MB, 11 * MB);
	}

	@Test
	void withAes256EveryPutAndMultipartCreateAsksForS3ManagedEncryption() {
		EncryptionHeaders headers = new EncryptionHeaders();
		try (S3Client s3 = client(stack().s3Endpoint(), headers)) {
			uploadSmallAndLarge(bucket(s3, "AES256", null), "exports/test/sse-aes/");
		}

		assertThat(headers.seen).contains("PutObject AES256 -", "CreateMultipartUpload AES256 -");
		assertThat(headers.seen)
			.filteredOn((line) -> line.startsWith("PutObject") || line.startsWith("CreateMultipart"))
			.allMatch((line) -> line.contains(" AES256 "));
	}

	@Test
	void aFinishedFileIsTheObjectItsUploadStoredWithItsTaskAndNoCopyOfIt() {
		EncryptionHeaders requests = new EncryptionHeaders();
		try (S3Client s3 = client(stack().s3Endpoint(), requests)) {
			uploadSmallAndLarge(bucket(s3, "none", null), "exports/test/no-copy/");

			assertThat(s3.headObject((r) -> r.bucket(LocalStackBucket.NAME).key("exports/test/no-copy/large.csv")).metadata())
				.containsEntry("task-id", "task-1");
		}

		assertThat(requests.seen).extracting((line) -> line.split(" ")[0])
			.containsSubsequence("CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart",
					"CompleteMultipartUpload", "HeadObject")
			.doesNotContain("CopyObject");
	}

	@Test
	void aFinishedFileWhoseObjectIsNotTheOneItsUploadStoredIsAFailureNotAStoredFile() {
		String key = "exports/test/overwritten/large.csv";
		try (S3Client s3 = client(stack().s3Endpoint(), new AnotherObjectUnderTheKey())) {
			FileUpload upload = bucket(s3, "none", null).newUpload(key, "text/csv", "task-1");
			upload.uploadPart(randomBytes(5 * MB), 5 * MB);

			assertThatThrownBy(() -> upload.finish(randomBytes(MB), MB, 6 * MB)).isInstanceOf(UncheckedIOException.class)
				.hasMessageContaining("is not the one this upload stored");
		}
	}

	/** Answers every HeadObject as if another object, of the same size, had been stored under the key since. */
	static final class AnotherObjectUnderTheKey implements ExecutionInterceptor {

		@Override
		public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
			if (context.response() instanceof HeadObjectResponse head) {
				return head.toBuilder().eTag("\"0123456789abcdef0123456789abcdef-1\"").build();
			}
			return context.response();
		}

	}

	@Test
	void withKmsEveryPutAndMultipartCreateNamesTheKey() {
		EncryptionHeaders headers = new EncryptionHeaders();
		String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
		try (S3Client s3 = client(stack().s3Endpoint(), headers)) {
			uploadSmallAndLarge(bucket(s3, "aws:kms", key), "exports/test/sse-kms/");
		}

		assertThat(headers.seen).contains("PutObject aws:kms " + key, "CreateMultipartUpload aws:kms " + key);
	}

	@Test
	void withNoneNoEncryptionHeaderIsSent() {
		EncryptionHeaders headers = new EncryptionHeaders();
		try (S3Client s3 = client(stack().s3Endpoint(), headers)) {
			uploadSmallAndLarge(bucket(s3, "none", null), "exports/test/sse-none/");
		}

		assertThat(headers.seen).isNotEmpty().allMatch((line) -> line.endsWith(" - -"));
	}

	@Test
	void aMultipartUploadCutOffMidwayIsLeftForTheSweepWhichAbortsItOnceS3IsBack() {
		String folder = "exports/petdb/2026/01/petdb-0123456789ab-0123456789ZZ/";
		try (S3Client s3 = client("http://127.0.0.1:" + stack().s3Proxy().port())) {
			ExportBucket bucket = bucket(s3, "none", null);
			FileUpload upload = bucket.newUpload(folder + "big.csv", "text/csv", "petdb-0123456789ab-0123456789ZZ");
			upload.uploadPart(randomBytes(5 * MB), 5 * MB);
			stack().s3Proxy().cut();

			assertThatThrownBy(() -> upload.uploadPart(randomBytes(5 * MB), 5 * MB))
				.isInstanceOf(StorageUnavailableException.class);
			stack().s3Proxy().restore();
			assertThat(bucket.unfinishedUploads(folder)).as("kept for a restart").hasSize(1);

			new UploadSweep(bucket, "exports", this.tasks, Duration.ZERO).run();

			assertThat(bucket.unfinishedUploads(folder)).isEmpty();
			assertThat(bucket.objects(folder)).isEmpty();
		}
	}

	@Test
	void theSweepLeavesTheUploadOfAPendingTaskForTheRetryThatContinuesItAndAbortsItOnceTheTaskIsFinal() {
		StoredTasks stored = new StoredTasks("sweep-" + UUID.randomUUID());
		ExportTask task = stored.pending(this.tasks, this.tasks.now());
		String folder = "exports/nasty/2026/01/" + task.taskId() + "/";
		try (S3Client s3 = client(stack().s3Endpoint())) {
			ExportBucket bucket = bucket(s3, "none", null);
			FileUpload upload = bucket.newUpload(folder + "big.csv", "text/csv", task.taskId());
			upload.uploadPart(randomBytes(5 * MB), 5 * MB);
			UploadSweep sweep = new UploadSweep(bucket, "exports", this.tasks, Duration.ZERO);

			sweep.run();
			assertThat(bucket.unfinishedUploads(folder)).as("left to the retry of a Pending task").hasSize(1);

			stored.end(this.tasks);
			sweep.run();
			assertThat(bucket.unfinishedUploads(folder)).as("aborted once the task is final").isEmpty();
		}
		finally {
			stored.end(this.tasks);
		}
	}

	@Test
	void anUploadBegunByOneClientIsFinishedByAnotherFromItsIdAndParts() {
		String key = "exports/test/resumed/file.csv";
		byte[] first = randomBytes(5 * MB);
		byte[] rest = randomBytes(2 * MB);
		FileUpload begun;
		try (S3Client s3 = client(stack().s3Endpoint())) {
			begun = bucket(s3, "none", null).newUpload(key, "text/csv", "task-2");
			begun.uploadPart(first, first.length);
		}

		try (S3Client s3 = client(stack().s3Endpoint())) {
			ExportBucket other = bucket(s3, "none", null);
			FileUpload resumed = other.resumeUpload(key, "text/csv", "task-2", begun.uploadId(), begun.parts())
				.orElseThrow();
			resumed.finish(rest, rest.length, first.length + rest.length);

			byte[] stored = s3.getObjectAsBytes((r) -> r.bucket(LocalStackBucket.NAME).key(key)).asByteArray();
			byte[] expected = java.nio.ByteBuffer.allocate(first.length + rest.length).put(first).put(rest).array();
			assertThat(stored).isEqualTo(expected);
			assertThat(other.find(key).orElseThrow().metadata()).containsEntry("task-id", "task-2");
		}
	}

	@Test
	void anAbortedUploadCannotBeResumedAndLeavesNothing() {
		String folder = "exports/test/aborted/";
		try (S3Client s3 = client(stack().s3Endpoint())) {
			ExportBucket bucket = bucket(s3, "none", null);
			FileUpload upload = bucket.newUpload(folder + "big.csv", "text/csv", "task-3");
			upload.uploadPart(randomBytes(5 * MB), 5 * MB);

			upload.abort();

			assertThat(bucket.resumeUpload(folder + "big.csv", "text/csv", "task-3", upload.uploadId(), upload.parts()))
				.isEmpty();
			assertThat(bucket.unfinishedUploads(folder)).isEmpty();
			assertThat(bucket.objects(folder)).isEmpty();
		}
	}

	/** The bucket of the local stack. */
	static final class LocalStackBucket {

		static final String NAME = org.earthchem.export.devstack.LocalStack.BUCKET;

	}

}
