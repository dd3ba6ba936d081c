package org.earthchem.export.api;

import java.util.List;

import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.Timestamps;

/** A task as the API shows it. */
record TaskView(String taskId, String source, String fileType, String compression, String query, String queryKey, String owner,
		String status, Integer queuePosition, ProgressView progress, Double estimatedStartSeconds, int attempts,
		String createdAt, String startedAt,
		String finishedAt, ErrorView error, List<FileView> files, String node, Links links) {

	/** {@code rowsPerSecond} and {@code etaSeconds} while Processing, once the speed is known; else null. */
	record ProgressView(long rowsWritten, Long totalRows, Double percent, Double rowsPerSecond, Double etaSeconds) {
	}

	record ErrorView(String code, String message) {
	}

	record FileView(String name, long rows, long bytes, String sha256, String downloadUrl, String expiresAt) {
	}

	record Links(String self, String cancel, String download, String events) {
	}

	/**
	 * @param queuePosition the place of a Pending task in the queue (ignored otherwise)
	 * @param estimatedStartSeconds when a Pending task is expected to start (ignored otherwise; null: unknown)
	 * @param operator whether an operator asks: only operators see which node (host and port) runs an export
	 */
	static TaskView of(ExportTask task, Integer queuePosition, Double estimatedStartSeconds, boolean operator) {
		boolean pending = task.status() == TaskStatus.PENDING;
		boolean running = task.status() == TaskStatus.PROCESSING;
		String self = "/api/v1/exports/" + task.taskId();
		List<ExportFile> files = task.files();
		List<FileView> fileViews = new java.util.ArrayList<>(files.size());
		for (int i = 0; i < files.size(); i++) {
			ExportFile file = files.get(i);
			fileViews.add(new FileView(file.name(), file.rows(), file.bytes(), file.sha256(), file.downloadUrl(),
					Timestamps.format(file.expiresAt())));
		}
		return new TaskView(task.taskId(), task.source(), task.fileType(), task.compression(), task.query(), task.queryKey(), task.owner(),
				task.status().label(), pending ? queuePosition : null,
				new ProgressView(task.progress().rowsWritten(), task.progress().totalRows(), task.progress().percent(),
						running ? task.progress().rowsPerSecond() : null, running ? task.progress().etaSeconds() : null),
				pending ? estimatedStartSeconds : null, task.attempts(), Timestamps.format(task.createdAt()), Timestamps.format(task.startedAt()),
				Timestamps.format(task.finishedAt()),
				task.error() != null ? new ErrorView(task.error().code().name(), task.error().message()) : null,
				fileViews, operator ? task.node() : null, new Links(self, self + "/cancel", self + "/download", self + "/events"));
	}

}
