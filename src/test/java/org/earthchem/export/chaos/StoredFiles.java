package org.earthchem.export.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.earthchem.export.support.Bucket;

/**
 * The export bucket read directly through S3Proxy with the AWS SDK, not through the service: which objects each task
 * folder holds, the sha256 of their downloaded bytes, and the multipart uploads nobody finished.
 */
final class StoredFiles implements AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	// every object's key by the task folder it lies in ({prefix}/{source}/{yyyy}/{mm}/{taskId}/{file name})
	private final Map<String, List<String>> keysByTask = new TreeMap<>();

	StoredFiles(String endpoint, String bucket) {
		this.s3 = Bucket.client(endpoint);
		this.bucket = bucket;
		for (S3Object object : this.s3.listObjectsV2Paginator((r) -> r.bucket(bucket)).contents()) {
			String[] path = object.key().split("/");
			if (path.length >= 2) {
				this.keysByTask.computeIfAbsent(path[path.length - 2], (task) -> new ArrayList<>()).add(object.key());
			}
		}
	}

	/** The object keys stored in the task's folder. */
	List<String> keys(String taskId) {
		return this.keysByTask.getOrDefault(taskId, List.of());
	}

	/** The sha256 of the object's bytes as downloaded, in hex. */
	String sha256(String key) throws IOException {
		try (InputStream in = new DigestInputStream(this.s3.getObject((r) -> r.bucket(this.bucket).key(key)),
				MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/** Multipart uploads begun and neither completed nor aborted, as "key (upload id)". */
	List<String> unfinishedUploads() {
		List<String> unfinished = new ArrayList<>();
		for (MultipartUpload upload : this.s3.listMultipartUploadsPaginator((r) -> r.bucket(this.bucket)).uploads()) {
			unfinished.add(upload.key() + " (" + upload.uploadId() + ")");
		}
		return unfinished;
	}

	@Override
	public void close() {
		this.s3.close();
	}

}
