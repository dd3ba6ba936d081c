package org.earthchem.export.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The bucket that holds finished exports: uploads with server-side encryption and metadata, pre-signed links,
 * downloads and removal. Keys are {@code {prefix}/{source}/{yyyy}/{MM}/{taskId}/{file}}.
 */
public class ExportBucket {

	private static final Logger log = LoggerFactory.getLogger(ExportBucket.class);

	/** Object metadata: the task, the rows and the SHA-256 of the plaintext. */
	public static final String META_TASK = "task-id";

	public static final String META_ROWS = "rows";

	public static final String META_SHA256 = "sha256";

	private final S3Client s3;

	private final S3Presigner presigner;

	private final BucketProperties properties;

	private final LinkProperties links;

	private final Clock clock;

	ExportBucket(S3Client s3, S3Presigner presigner, BucketProperties properties, LinkProperties links, Clock clock) {
		this.s3 = s3;
		this.presigner = presigner;
		this.properties = properties;
		this.links = links;
		this.clock = clock;
	}

	public String name() {
		return this.properties.bucket();
	}

	/** The folder (key prefix, ending in '/') of one task's files; its month is the task's creation month. */
	public String folder(String source, Instant createdAt, String taskId) {
		ZonedDateTime created = createdAt.atZone(ZoneOffset.UTC);
		return String.format("%s/%s/%04d/%02d/%s/", this.properties.keyPrefix(), source, created.getYear(),
				created.getMonthValue(), taskId);
	}

	/** The stored object's metadata, if it is there. */
	public java.util.Optional<HeadObjectResponse> find(String key) {
		return call("read the metadata of " + key, () -> findObject(key));
	}

	private java.util.Optional<HeadObjectResponse> findObject(String key) {
		try {
			return java.util.Optional.of(this.s3.headObject((r) -> r.bucket(name()).key(key)));
		}
		catch (NoSuchKeyException ex) {
			return java.util.Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return java.util.Optional.empty();
			}
			throw ex;
		}
	}

	/** Whether the object is stored with this SHA-256 (a restarted upload skips it). */
	public boolean holds(String key, String sha256) {
		return find(key).map((head) -> sha256.equals(head.metadata().get(META_SHA256))).orElse(false);
	}

	/**
	 * Uploads a file read from {@code content}: one request when it fits in a part, else a multipart upload of
	 * {@code export.s3.part-size} parts, holding one part in memory. An unfinished multipart upload is aborted when
	 * anything fails or {@code cancelled} turns true (checked before each part).
	 * @throws UploadCancelledException when cancelled
	 */
	public void upload(String key, InputStream content, String contentType, Map<String, String> metadata,
			BooleanSupplier cancelled) {
		call("upload " + key, () -> {
			uploadObject(key, content, contentType, metadata, cancelled);
			return null;
		});
	}

	private void uploadObject(String key, InputStream content, String contentType, Map<String, String> metadata,
			BooleanSupplier cancelled) {
		int partSize = (int) this.properties.partSize().toBytes();
		byte[] buffer = new byte[partSize];
		try {
			int first = content.readNBytes(buffer, 0, partSize);
			if (first < partSize) {
				this.s3.putObject(putRequest(key, contentType, metadata), body(buffer, first));
				return;
			}
			multipart(key, content, contentType, metadata, cancelled, buffer, first);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read the file to upload to " + key, ex);
		}
	}

	private void multipart(String key, InputStream content, String contentType, Map<String, String> metadata,
			BooleanSupplier cancelled, byte[] buffer, int first) throws IOException {
		CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
			.bucket(name())
			.key(key)
			.contentType(contentType)
			.metadata(metadata);
		encryption(create);
		String uploadId = this.s3.createMultipartUpload(create.build()).uploadId();
		boolean completed = false;
		try {
			List<CompletedPart> parts = new ArrayList<>();
			int length = first;
			int number = 1;
			while (length > 0) {
				if (cancelled.getAsBoolean()) {
					throw new UploadCancelledException(key);
				}
				int partNumber = number;
				String etag = this.s3
					.uploadPart((r) -> r.bucket(name()).key(key).uploadId(uploadId).partNumber(partNumber),
							body(buffer, length))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
				number++;
				length = content.readNBytes(buffer, 0, buffer.length);
			}
			this.s3.completeMultipartUpload((r) -> r.bucket(name())
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((m) -> m.parts(parts)));
			completed = true;
		}
		finally {
			if (!completed) {
				abortQuietly(key, uploadId);
			}
		}
	}

	private PutObjectRequest putRequest(String key, String contentType, Map<String, String> metadata) {
		PutObjectRequest.Builder put = PutObjectRequest.builder()
			.bucket(name())
			.key(key)
			.contentType(contentType)
			.metadata(metadata);
		switch (this.properties.sse()) {
			case "AES256" -> put.serverSideEncryption(ServerSideEncryption.AES256);
			case "aws:kms" -> put.serverSideEncryption(ServerSideEncryption.AWS_KMS)
				.ssekmsKeyId(this.properties.kmsKeyId());
			default -> {
			}
		}
		return put.build();
	}

	private void encryption(CreateMultipartUploadRequest.Builder create) {
		switch (this.properties.sse()) {
			case "AES256" -> create.serverSideEncryption(ServerSideEncryption.AES256);
			case "aws:kms" -> create.serverSideEncryption(ServerSideEncryption.AWS_KMS)
				.ssekmsKeyId(this.properties.kmsKeyId());
			default -> {
			}
		}
	}

	/** A request body over the first {@code length} bytes of the buffer, re-readable for the SDK's retries. */
	private static RequestBody body(byte[] buffer, int length) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
				"application/octet-stream");
	}

	private void abortQuietly(String key, String uploadId) {
		try {
			this.s3.abortMultipartUpload((r) -> r.bucket(name()).key(key).uploadId(uploadId));
			log.info("Aborted the unfinished upload of {}", key);
		}
		catch (RuntimeException ex) {
			// the sweep aborts it later
			log.warn("Could not abort the unfinished upload of {} (the sweep will): {}", key, ex.getMessage());
		}
	}

	/** Unfinished multipart uploads under a prefix. */
	public List<MultipartUpload> unfinishedUploads(String prefix) {
		return call("list the unfinished uploads under " + prefix, () -> {
			List<MultipartUpload> uploads = new ArrayList<>();
			this.s3.listMultipartUploadsPaginator((r) -> r.bucket(name()).prefix(prefix))
				.forEach((page) -> uploads.addAll(page.uploads()));
			return uploads;
		});
	}

	/** Aborts every unfinished multipart upload under a prefix. */
	public void abortUnfinished(String prefix) {
		for (MultipartUpload upload : unfinishedUploads(prefix)) {
			abortQuietly(upload.key(), upload.uploadId());
		}
	}

	/** The objects under a prefix. */
	public List<S3Object> objects(String prefix) {
		List<S3Object> objects = new ArrayList<>();
		this.s3.listObjectsV2Paginator((r) -> r.bucket(name()).prefix(prefix))
			.forEach((page) -> objects.addAll(page.contents()));
		return objects;
	}

	/** Removes every object and unfinished upload under a prefix. */
	public void deleteAll(String prefix) {
		abortUnfinished(prefix);
		for (S3Object object : objects(prefix)) {
			delete(object.key());
		}
	}

	/** Removes one object (no error when it is already gone). */
	public void delete(String key) {
		this.s3.deleteObject((r) -> r.bucket(name()).key(key));
	}

	/** Reads a stored object. */
	public ResponseInputStream<GetObjectResponse> open(String key) {
		return this.s3.getObject((r) -> r.bucket(name()).key(key));
	}

	/** A pre-signed GET link that downloads the object as an attachment named {@code fileName}. */
	public IssuedLink presign(String key, String fileName, String contentType) {
		Instant expiresAt = this.clock.instant().plus(this.links.expiry());
		PresignedGetObjectRequest presigned = this.presigner.presignGetObject((p) -> p
			.signatureDuration(this.links.expiry())
			.getObjectRequest((g) -> g.bucket(name())
				.key(key)
				.responseContentType(contentType)
				.responseContentDisposition("attachment; filename=\"" + fileName + "\"; filename*=UTF-8''"
						+ SdkHttpUtils.urlEncode(fileName))));
		return new IssuedLink(presigned.url().toString(), expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
	}

	/**
	 * Runs a call to S3, turning failures that may pass (no connection, timeouts, throttling, 5xx, after the SDK's
	 * own retries) into {@link StorageUnavailableException}.
	 */
	private <T> T call(String what, java.util.function.Supplier<T> action) {
		try {
			return action.get();
		}
		catch (SdkClientException ex) {
			throw new StorageUnavailableException("could not " + what + ": " + ex.getMessage(), ex);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() >= 500 || ex.statusCode() == 429 || ex.isThrottlingException()) {
				throw new StorageUnavailableException("could not " + what + ": " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	/** Whether the bucket answers (for health). */
	public void check() {
		this.s3.headBucket((r) -> r.bucket(name()));
	}

}
