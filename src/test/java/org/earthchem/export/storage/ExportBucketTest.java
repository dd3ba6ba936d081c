package org.earthchem.export.storage;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.earthchem.export.support.IntegrationTest;
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

	private void uploadSmallAndLarge(ExportBucket bucket, String folder) {
		bucket.upload(folder + "small.csv", new ByteArrayInputStream(randomBytes(1000)), "text/csv",
				Map.of("sha256", "x"), () -> false);
		bucket.upload(folder + "large.csv", new ByteArrayInputStream(randomBytes(11 * 1024 * 1024)), "text/csv",
				Map.of("sha256", "y"), () -> false);
	}

	@Test
	void withAes256EveryPutAndMultipartCreateAsksForS3ManagedEncryption() {
		EncryptionHeaders headers = new EncryptionHeaders();
		try (S3Client s3 = client(stack().s3Endpoint(), headers)) {
			uploadSmallAndLarge(bucket(s3, "AES256", null), "exports/test/sse-aes/");
		}

		assertThat(headers.seen).contains("PutObject AES256 -", "CreateMultipartUpload AES256 -");
		assertThat(headers.seen).filteredOn((line) -> line.startsWith("PutObject") || line.startsWith("CreateMultipart"))
			.allMatch((line) -> line.contains(" AES256 "));
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
			// S3 goes away once the first part has been read
			InputStream content = new FilterInputStream(new ByteArrayInputStream(randomBytes(12 * 1024 * 1024))) {
				private long read;

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					if (this.read > 5 * 1024 * 1024) {
						stack().s3Proxy().cut();
					}
					int n = super.read(b, off, len);
					this.read += Math.max(n, 0);
					return n;
				}
			};

			assertThatThrownBy(() -> bucket.upload(folder + "big.csv", content, "text/csv", Map.of(), () -> false))
				.isInstanceOf(StorageUnavailableException.class);
			stack().s3Proxy().restore();
			assertThat(bucket.unfinishedUploads(folder)).as("the abort could not reach S3").hasSize(1);

			new UploadSweep(bucket, "exports", this.tasks, Duration.ZERO).run();

			assertThat(bucket.unfinishedUploads(folder)).isEmpty();
			assertThat(bucket.objects(folder)).isEmpty();
		}
	}

	@Test
	void anUploadCancelledBetweenPartsIsAbortedAndLeavesNothing() {
		String folder = "exports/test/cancelled/";
		try (S3Client s3 = client(stack().s3Endpoint())) {
			ExportBucket bucket = bucket(s3, "none", null);
			int[] checks = { 0 };

			assertThatThrownBy(() -> bucket.upload(folder + "big.csv",
					new ByteArrayInputStream(randomBytes(12 * 1024 * 1024)), "text/csv", Map.of(),
					() -> ++checks[0] > 1))
				.isInstanceOf(UploadCancelledException.class);

			assertThat(bucket.unfinishedUploads(folder)).isEmpty();
			assertThat(bucket.objects(folder)).isEmpty();
		}
	}

	/** The bucket of the local stack. */
	static final class LocalStackBucket {

		static final String NAME = org.earthchem.export.localstack.LocalStack.BUCKET;

	}

}
