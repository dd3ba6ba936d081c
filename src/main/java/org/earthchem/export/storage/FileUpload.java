package org.earthchem.export.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One file written into the bucket part by part: its multipart upload begins with the first part, and a file that
 * ends before filling a part is a single PutObject. Parts are uploaded one at a time, in order; the upload id and
 * the parts so far are all another node needs to continue it.
 */
public final class FileUpload {

	private final ExportBucket bucket;

	private final String key;

	private final String contentType;

	private final String taskId;

	private final List<UploadedPart> parts;

	private String uploadId;

	FileUpload(ExportBucket bucket, String key, String contentType, String taskId, String uploadId,
			List<UploadedPart> parts) {
		this.bucket = bucket;
		this.key = key;
		this.contentType = contentType;
		this.taskId = taskId;
		this.uploadId = uploadId;
		this.parts = new ArrayList<>(parts);
	}

	public String key() {
		return this.key;
	}

	/** The multipart upload's id, or null while no part has been uploaded. */
	public String uploadId() {
		return this.uploadId;
	}

	/** The parts uploaded so far, in order. */
	public List<UploadedPart> parts() {
		return List.copyOf(this.parts);
	}

	/** Uploads the next part (at least 5 MB, an S3 limit for every part but the last). */
	public void uploadPart(byte[] bytes, int length) {
		if (this.uploadId == null) {
			this.uploadId = this.bucket.createMultipartUpload(this.key, this.contentType, metadata());
		}
		int number = this.parts.size() + 1;
		this.parts.add(new UploadedPart(number, this.bucket.uploadPart(this.key, this.uploadId, number, bytes, length)));
	}

	/**
	 * Uploads the last bytes of the file and makes it an object, then checks that the bucket holds it whole: the
	 * object this upload stored (its ETag), of the file's size.
	 * @param bytes the end of the file (after the uploaded parts; the whole file when none was uploaded)
	 * @param size the size of the whole file
	 */
	public void finish(byte[] bytes, int length, long size) {
		String etag;
		if (this.uploadId == null) {
			etag = this.bucket.putObject(this.key, bytes, length, this.contentType, metadata());
		}
		else {
			if (length > 0 || this.parts.isEmpty()) {
				uploadPart(bytes, length);
			}
			etag = this.bucket.completeMultipartUpload(this.key, this.uploadId, this.parts);
		}
		confirm(size, etag);
	}

	/** The object's metadata, given when it or its upload begins. */
	private Map<String, String> metadata() {
		return Map.of(ExportBucket.META_TASK, this.taskId);
	}

	/** Gives up the unfinished upload: the bucket drops its parts. */
	public void abort() {
		if (this.uploadId != null) {
			this.bucket.abortUpload(this.key, this.uploadId);
		}
	}

	private void confirm(long size, String etag) {
		HeadObjectResponse head = this.bucket.find(this.key)
			.orElseThrow(() -> new UncheckedIOException(new IOException("the upload of " + this.key + " is not in the bucket")));
		if (head.contentLength() != size) {
			throw new UncheckedIOException(new IOException("the object " + this.key + " holds " + head.contentLength()
					+ " bytes where " + size + " were uploaded"));
		}
		if (!unquoted(head.eTag()).equals(unquoted(etag))) {
			throw new UncheckedIOException(new IOException("the object " + this.key + " is not the one this upload stored "
					+ "(ETag " + head.eTag() + ", stored " + etag + ")"));
		}
	}

	private static String unquoted(String etag) {
		return (etag == null) ? "" : etag.replace("\"", "");
	}

}
