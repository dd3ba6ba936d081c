package org.earthchem.export.storage;

import java.util.ArrayList;
import java.util.List;

import org.earthchem.export.source.FileType;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.earthchem.export.task.Timestamps;

/** Issues pre-signed links to stored files; every link issued is a DOWNLOAD_LINK_ISSUED event of its task. */
public class DownloadLinks {

	private final ExportBucket bucket;

	private final TaskStore tasks;

	private final LinkProperties properties;

	DownloadLinks(ExportBucket bucket, TaskStore tasks, LinkProperties properties) {
		this.bucket = bucket;
		this.tasks = tasks;
		this.properties = properties;
	}

	/** A file with a new link, not yet recorded (the caller records it with the task's files). */
	public ExportFile withLink(ExportFile file) {
		IssuedLink link = this.bucket.presign(file.location(), file.name(), contentType(file.name()));
		return file.withLink(link.url(), link.expiresAt());
	}

	/** Records the links of files just stored. */
	public void recordIssued(String taskId, List<ExportFile> files) {
		for (ExportFile file : files) {
			this.tasks.recordEvent(taskId, TaskEventType.DOWNLOAD_LINK_ISSUED, describe(file));
		}
	}

	/** The task with a working link on each kept file: expired links of a Succeeded task are issued again. */
	public ExportTask current(ExportTask task) {
		if (task.status() != TaskStatus.SUCCEEDED
				|| task.files().stream().noneMatch((file) -> file.needsLink(this.tasks.now()))) {
			return task;
		}
		List<ExportFile> files = new ArrayList<>();
		List<ExportFile> renewed = new ArrayList<>();
		for (ExportFile file : task.files()) {
			if (file.needsLink(this.tasks.now())) {
				ExportFile linked = withLink(file);
				files.add(linked);
				renewed.add(linked);
			}
			else {
				files.add(file);
			}
		}
		String detail = String.join("; ", renewed.stream().map(DownloadLinks::describe).toList());
		if (!this.tasks.updateFiles(task.taskId(), files, TaskEventType.DOWNLOAD_LINK_ISSUED, detail)) {
			return this.tasks.find(task.taskId()).orElse(task);
		}
		return task.withFiles(files);
	}

	/** A fresh link for one download (recorded), for a redirect. */
	public IssuedLink issueFor(String taskId, ExportFile file, String caller) {
		IssuedLink link = this.bucket.presign(file.location(), file.name(), contentType(file.name()));
		this.tasks.recordEvent(taskId, TaskEventType.DOWNLOAD_LINK_ISSUED,
				file.name() + " for " + caller + " until " + Timestamps.format(link.expiresAt()));
		return link;
	}

	/** Whether an export this size is streamed by the service rather than redirected to the bucket. */
	public boolean streams(ExportTask task) {
		return task.totalRowsInFiles() < this.properties.streamBelowRows();
	}

	public static String contentType(String fileName) {
		if (fileName.endsWith(".gz")) {
			return "application/gzip";
		}
		int dot = fileName.lastIndexOf('.');
		return FileType.parse(fileName.substring(dot + 1)).orElse(FileType.CSV).contentType();
	}

	private static String describe(ExportFile file) {
		return file.name() + " until " + Timestamps.format(file.expiresAt());
	}

}
