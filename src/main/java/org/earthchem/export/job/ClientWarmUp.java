package org.earthchem.export.job;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.run.NodeId;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.storage.FileUpload;
import org.earthchem.export.task.TaskStore;

/**
 * Sends the requests every export makes through the AWS SDK — parts of a multipart upload, reads of the task table —
 * a few hundred times when the service starts, so that the JIT compiles the SDK's request paths then: after eight
 * exports of a new JVM it was still compiling them, a fifth of the service's CPU. The parts go to an upload of its own
 * in the folder of a source {@code _warm-up}, aborted at the end (the bucket keeps nothing; the upload sweep aborts one
 * a stopped node left); the reads ask for a task that does not exist. A failure ends it early: it only costs speed.
 */
class ClientWarmUp {

	private static final Logger log = LoggerFactory.getLogger(ClientWarmUp.class);

	private static final String NO_TASK = "_warm-up";

	private final ExportBucket bucket;

	private final TaskStore tasks;

	private final NodeId node;

	private final int requests;

	private final int fullParts;

	private final int partSize;

	/**
	 * @param requests small parts sent, and task reads
	 * @param fullParts parts of {@code partSize} bytes sent after them
	 */
	ClientWarmUp(ExportBucket bucket, TaskStore tasks, NodeId node, int requests, int fullParts, int partSize) {
		this.bucket = bucket;
		this.tasks = tasks;
		this.node = node;
		this.requests = requests;
		this.fullParts = fullParts;
		this.partSize = partSize;
	}

	/**
	 * Uploads {@code export.warm-up-requests} small parts and reads the task table as often, then
	 * {@code export.warm-up-parts} parts of the export part size; returns the requests sent.
	 */
	int run() {
		long started = System.nanoTime();
		int requests = 0;
		String folder = this.bucket.folder(NO_TASK, this.tasks.now(), NO_TASK + "-" + this.node.value());
		FileUpload upload = this.bucket.newUpload(folder + "parts.bin", "application/octet-stream", NO_TASK);
		byte[] part = new byte[4096];
		try {
			for (int i = 0; i < this.requests; i++) {
				upload.uploadPart(part, part.length);
				this.tasks.find(NO_TASK);
				requests += 2;
			}
			if (this.fullParts > 0) {
				byte[] full = rowLikeBytes(this.partSize);
				for (int i = 0; i < this.fullParts; i++) {
					upload.uploadPart(full, full.length);
					requests++;
				}
			}
			log.info("AWS clients warmed up with {} requests in {} ms", requests, (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("The AWS clients' warm-up stopped after {} requests: {}", requests, ex.getMessage());
		}
		finally {
			abort(upload);
		}
		return requests;
	}

	/** Bytes like a CSV part's: short values between runs of separators, line after line. */
	private static byte[] rowLikeBytes(int size) {
		byte[] line = ",,,,,,,,0.42,,,,,,,,,,,,,,BASALT,,,,,,,,,,,,,,,,,,,,,,,,,1987-06-05,,,,,,,,,,,,,,,,,,,,,,,,,\r\n"
			.getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = new byte[size];
		for (int at = 0; at < size; at += line.length) {
			System.arraycopy(line, 0, bytes, at, Math.min(line.length, size - at));
		}
		return bytes;
	}

	private static void abort(FileUpload upload) {
		try {
			upload.abort();
		}
		catch (RuntimeException ex) {
			log.warn("The warm-up's upload {} was not aborted ({}); the upload sweep removes it", upload.key(),
					ex.getMessage());
		}
	}

}
