package org.earthchem.export.storage;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The bucket that holds exports: files written part by part with server-side encryption and metadata, pre-signed
 * links, downloads and removal. Keys are {@code {prefix}/{source}/{yyyy}/{MM}/{taskId}/{file}}.
 */
public class ExportBucket {

	private static final Logger log = LoggerFactory.getLogger(ExportBucket.class);

	/**
	 * Object metadata: the task the file belongs to, set when the object or its upload begins. The file's rows and
	 * SHA-256 are the task's ({@code files}) and its {@code FILE_STORED} event's: giving a multipart object metadata
	 * known only at its end would take a copy of the whole object onto itself.
	 */
	public static final String META_TASK = "task-id";

	private final S3Client s3;

	private final BucketProperties properties;

	private final LinkSigner signer;

	ExportBucket(S3Client s3, S3Presigner presigner, BucketProperties properties, LinkProperties links, Clock clock) {
		this(s3, presigner, properties, links, clock, null);
	}

	ExportBucket(S3Client s3, S3Presigner presigner, BucketProperties properties, LinkProperties links, Clock clock,
			AwsCredentialsProvider signing) {
		this.s3 = s3;
		this.properties = properties;
		this.signer = new LinkSigner(presigner, links, clock, signing);
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

	/** A new file at {@code key}, written part by part; nothing reaches the bucket before its first part. */
	public FileUpload newUpload(String key, String contentType, String taskId) {
		return new FileUpload(this, key, contentType, taskId, null, List.of());
	}

	/**
	 * The file at {@code key} whose multipart upload {@code uploadId} holds {@code parts}, to be continued (by any
	 * node): empty when the bucket no longer holds that upload with those parts (it was completed or aborted
	 * meanwhile).
	 */
	public java.util.Optional<FileUpload> resumeUpload(String key, String contentType, String taskId, String uploadId,
			List<UploadedPart> parts) {
		return holdsUpload(key, uploadId, parts)
				? java.util.Optional.of(new FileUpload(this, key, contentType, taskId, uploadId, parts))
				: java.util.Optional.empty();
	}

	/** Whether the upload is still open and holds each of these parts as they were uploaded. */
	private boolean holdsUpload(String key, String uploadId, List<UploadedPart> parts) {
		return differences(key, uploadId, parts).isEmpty();
	}

	/**
	 * How the upload differs from these parts: empty when it is open and holds each of them as uploaded, else each
	 * part that differs (or that the upload is gone), in words for the log.
	 */
	private List<String> differences(String key, String uploadId, List<UploadedPart> parts) {
		return call("look up the upload of " + key, () -> {
			try {
				Map<Integer, String> held = new java.util.HashMap<>();
				this.s3.listPartsPaginator((r) -> r.bucket(name()).key(key).uploadId(uploadId))
					.parts()
					.forEach((part) -> held.put(part.partNumber(), part.eTag()));
				return parts.stream()
					.filter((part) -> !part.etag().equals(held.get(part.number())))
					.map((part) -> "part " + part.number() + " holds " + held.get(part.number()) + ", not " + part.etag())
					.toList();
			}
			catch (NoSuchUploadException ex) {
				return List.of("the upload is gone");
			}
			catch (S3Exception ex) {
				if (ex.statusCode() == 404) {
					return List.of("the upload is gone");
				}
				throw ex;
			}
		});
	}

	String createMultipartUpload(String key, String contentType, Map<String, String> metadata) {
		return call("begin the upload of " + key, () -> {
			CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
				.bucket(name())
				.key(key)
				.contentType(contentType)
				.metadata(metadata)
				.serverSideEncryption(encryption())
				.ssekmsKeyId(kmsKeyId());
			return this.s3.createMultipartUpload(create.build()).uploadId();
		});
	}

	String uploadPart(String key, String uploadId, int partNumber, byte[] bytes, int length) {
		return call("upload part " + partNumber + " of " + key, () -> this.s3
			.uploadPart((r) -> r.bucket(name()).key(key).uploadId(uploadId).partNumber(partNumber), body(bytes, length))
			.eTag());
	}

	/**
	 * Stores the upload as the object, made of exactly these parts: S3 refuses a part whose ETag differs
	 * ({@code InvalidPart}); the parts are checked first as well, for stores that do not check them on completion.
	 * @return the object's ETag
	 * @throws UploadConflictException when the upload no longer holds these parts (nothing is stored)
	 */
	String completeMultipartUpload(String key, String uploadId, List<UploadedPart> parts) {
		List<String> differences = differences(key, uploadId, parts);
		if (!differences.isEmpty()) {
			throw new UploadConflictException("the upload of " + key + " no longer holds the parts this run sent: "
					+ String.join("; ", differences), null);
		}
		List<CompletedPart> completed = parts.stream()
			.map((part) -> CompletedPart.builder().partNumber(part.number()).eTag(part.etag()).build())
			.toList();
		try {
			return call("complete the upload of " + key, () -> this.s3.completeMultipartUpload(
					(r) -> r.bucket(name()).key(key).uploadId(uploadId).multipartUpload((m) -> m.parts(completed))))
				.eTag();
		}
		catch (S3Exception ex) {
			if ("InvalidPart".equals(errorCode(ex)) || ex instanceof NoSuchUploadException) {
				// a part no longer holds what this run uploaded (a run that lost the export sent it again), or the
				// upload is gone: nothing is stored, and the next attempt goes on from the checkpoint
				throw new UploadConflictException("the upload of " + key + " no longer holds the parts this run sent ("
						+ errorCode(ex) + ")", ex);
			}
			throw ex;
		}
	}

	/** @return the object's ETag */
	String putObject(String key, byte[] bytes, int length, String contentType, Map<String, String> metadata) {
		PutObjectRequest.Builder put = PutObjectRequest.builder()
			.bucket(name())
			.key(key)
			.contentType(contentType)
			.metadata(metadata)
			.serverSideEncryption(encryption())
			.ssekmsKeyId(kmsKeyId());
		return call("upload " + key, () -> this.s3.putObject(put.build(), body(bytes, length))).eTag();
	}

	/** The server-side encryption of every object written, or null for none (S3 look-alikes without it). */
	private ServerSideEncryption encryption() {
		return switch (this.properties.sse()) {
			case "AES256" -> ServerSideEncryption.AES256;
			case "aws:kms" -> ServerSideEncryption.AWS_KMS;
			default -> null;
		};
	}

	/** The KMS key with {@code aws:kms} (null: the bucket's AWS-managed key). */
	private String kmsKeyId() {
		String keyId = this.properties.kmsKeyId();
		return ("aws:kms".equals(this.properties.sse()) && keyId != null && !keyId.isBlank()) ? keyId : null;
	}

	/** A request body over the first {@code length} bytes of the buffer, re-readable for the SDK's retries. */
	private static RequestBody body(byte[] buffer, int length) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
				"application/octet-stream");
	}

	void abortUpload(String key, String uploadId) {
		abortQuietly(key, uploadId);
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

	/**
	 * A pre-signed GET link that downloads the object as an attachment named {@code fileName}, for
	 * {@code export.links.expiry} or until the signing credentials expire, whichever comes first ({@link LinkSigner}).
	 */
	public IssuedLink presign(String key, String fileName, String contentType) {
		return this.signer.presign(name(), key, fileName, contentType);
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
			if (ex.statusCode() == 403) {
				// the bucket's policy or the service's credentials: no retry helps, an operator must act
				throw new java.io.UncheckedIOException(new java.io.IOException(
						"the bucket refused to " + what + " (" + errorCode(ex) + ")", ex));
			}
			throw ex;
		}
	}

	private static String errorCode(S3Exception ex) {
		return (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : Integer.toString(ex.statusCode());
	}

	/** Whether the bucket answers (for health). */
	public void check() {
		this.s3.headBucket((r) -> r.bucket(name()));
	}

}
