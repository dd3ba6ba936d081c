package org.earthchem.export.storage;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStore;

/**
 * Removes the files of exports created before the retention cut-off: deletes the objects, marks the files removed on
 * the task (no more links; {@code /download} answers 410) and records FILES_EXPIRED.
 */
class RetentionSweep {

	private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

	private final ExportBucket bucket;

	private final TaskStore tasks;

	RetentionSweep(ExportBucket bucket, TaskStore tasks) {
		this.bucket = bucket;
		this.tasks = tasks;
	}

	/** Expires the files of every Succeeded export created before {@code cutoff}; returns how many exports. */
	int expireCreatedBefore(Instant cutoff) {
		int expired = 0;
		for (ExportTask task : this.tasks.succeededCreatedBefore(cutoff)) {
			if (task.files().stream().allMatch((file) -> file.deletedAt() != null)) {
				continue;
			}
			try {
				expire(task);
				expired++;
			}
			catch (RuntimeException ex) {
				log.warn("Could not remove the files of export {} (retried at the next sweep): {}", task.taskId(),
						ex.getMessage());
			}
		}
		return expired;
	}

	private void expire(ExportTask task) {
		Instant now = this.tasks.now();
		for (ExportFile file : task.files()) {
			this.bucket.delete(file.location());
		}
		List<ExportFile> removed = task.files()
			.stream()
			.map((file) -> file.deletedAt() != null ? file : file.deleted(now))
			.toList();
		this.tasks.updateFiles(task.taskId(), removed, TaskEventType.FILES_EXPIRED,
				removed.size() + " file(s) removed after the retention period");
		log.info("Export {}: {} file(s) removed after the retention period", task.taskId(), removed.size());
	}

}
