package org.earthchem.export.storage;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;

/**
 * Aborts unfinished multipart uploads whose export no longer runs (nor waits to run again): those an upload could not abort itself because
 * the bucket was unreachable at the time, or the node died. (An S3 lifecycle rule does the same on AWS; see
 * docs/aws.md.)
 */
class UploadSweep {

	private static final Logger log = LoggerFactory.getLogger(UploadSweep.class);

	private final ExportBucket bucket;

	private final String prefix;

	private final TaskStore tasks;

	private final Duration minAge;

	/**
	 * @param minAge uploads younger than this are left alone (their task may have only just started)
	 */
	UploadSweep(ExportBucket bucket, String prefix, TaskStore tasks, Duration minAge) {
		this.bucket = bucket;
		this.prefix = prefix + "/";
		this.tasks = tasks;
		this.minAge = minAge;
	}

	void run() {
		try {
			Instant youngest = this.tasks.now().minus(this.minAge);
			for (MultipartUpload upload : this.bucket.unfinishedUploads(this.prefix)) {
				if (upload.initiated() != null && upload.initiated().isAfter(youngest)) {
					continue;
				}
				String taskId = taskIdOf(upload.key());
				// a Pending task may be waiting for a retry that continues this upload
				boolean running = taskId != null && this.tasks.find(taskId)
					.map((task) -> task.status() == TaskStatus.PROCESSING || task.status() == TaskStatus.PENDING)
					.orElse(false);
				if (!running) {
					log.info("Aborting the orphaned upload of {} (task {} is not running)", upload.key(), taskId);
					this.bucket.abortUnfinished(upload.key());
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("The sweep of unfinished uploads failed; it runs again later: {}", ex.getMessage());
		}
	}

	/** {@code prefix/source/yyyy/MM/taskId/file} → taskId */
	static String taskIdOf(String key) {
		String[] segments = key.split("/");
		return segments.length >= 6 ? segments[segments.length - 2] : null;
	}

}
