package org.earthchem.export.support;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** Looks into the local bucket directly (not through the fault proxy): what a running export has uploaded so far. */
public final class BucketWatch implements AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	public BucketWatch(String endpoint, String bucket) {
		this.bucket = bucket;
		this.s3 = Bucket.client(endpoint);
	}

	/** Parts uploaded to the unfinished multipart uploads under a folder. */
	public int uploadedParts(String folder) {
		int parts = 0;
		for (MultipartUpload upload : this.s3.listMultipartUploads((r) -> r.bucket(this.bucket).prefix(folder)).uploads()) {
			parts += this.s3.listParts((r) -> r.bucket(this.bucket).key(upload.key()).uploadId(upload.uploadId()))
				.parts()
				.size();
		}
		return parts;
	}

	/**
	 * Sends other bytes as part 1 of the first unfinished upload under a folder, as a run that lost its export would
	 * when it wakes; returns the key of the file.
	 */
	public String overwriteFirstPart(String folder, byte[] bytes) {
		MultipartUpload upload = this.s3.listMultipartUploads((r) -> r.bucket(this.bucket).prefix(folder)).uploads()
			.get(0);
		this.s3.uploadPart((r) -> r.bucket(this.bucket).key(upload.key()).uploadId(upload.uploadId()).partNumber(1),
				RequestBody.fromBytes(bytes));
		return upload.key();
	}

	@Override
	public void close() {
		this.s3.close();
	}

}
