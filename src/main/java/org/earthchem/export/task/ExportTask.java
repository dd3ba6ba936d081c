package org.earthchem.export.task;

import java.time.Instant;
import java.util.List;

/**
 * The durable unit of work: one export request, its status and its result.
 *
 * @param taskId unique, URL-safe id that begins with the source and embeds the query key
 * @param source source name
 * @param fileType csv, json, ndjson or xlsx
 * @param query canonical query string
 * @param queryKey hash of the canonical query
 * @param owner who asked
 * @param ownerEmail where to tell them (may be null)
 * @param status current status
 * @param progress rows written and total
 * @param attempts executions started so far
 * @param createdAt when it was asked for
 * @param startedAt when it last started processing
 * @param finishedAt when it reached a final status
 * @param error why it failed, when it did
 * @param files finished files, when it succeeded
 * @param jobExecutionId the latest Spring Batch execution
 * @param node the node that runs (or last ran) it, from {@code export.node-id}
 * @param compression none or gzip: how the files are stored (tasks stored before it existed read none)
 * @param interruptions of its {@code attempts}, those taken over from a run whose node went silent (died, froze): not
 * failures of the export itself, so they do not use up {@code export.max-attempts}
 */
public record ExportTask(String taskId, String source, String fileType, String query, String queryKey, String owner,
		String ownerEmail, TaskStatus status, Progress progress, int attempts, Instant createdAt, Instant startedAt,
		Instant finishedAt, TaskError error, List<ExportFile> files, Long jobExecutionId, String node,
		String compression, int interruptions) {

	public ExportTask {
		files = (files != null) ? List.copyOf(files) : List.of();
		progress = (progress != null) ? progress : Progress.NONE;
		compression = (compression != null) ? compression : NO_COMPRESSION;
	}

	/** The {@code compression} of a task whose files are stored as written. */
	public static final String NO_COMPRESSION = "none";

	/** A task never interrupted. */
	public ExportTask(String taskId, String source, String fileType, String query, String queryKey, String owner,
			String ownerEmail, TaskStatus status, Progress progress, int attempts, Instant createdAt, Instant startedAt,
			Instant finishedAt, TaskError error, List<ExportFile> files, Long jobExecutionId, String node,
			String compression) {
		this(taskId, source, fileType, query, queryKey, owner, ownerEmail, status, progress, attempts, createdAt,
				startedAt, finishedAt, error, files, jobExecutionId, node, compression, 0);
	}

	/** Attempts that ended in a failure of the export itself (or are running): its attempts less its interruptions. */
	public int failedAttempts() {
		return this.attempts - this.interruptions;
	}

	/** A task whose files are stored as written. */
	public ExportTask(String taskId, String source, String fileType, String query, String queryKey, String owner,
			String ownerEmail, TaskStatus status, Progress progress, int attempts, Instant createdAt, Instant startedAt,
			Instant finishedAt, TaskError error, List<ExportFile> files, Long jobExecutionId, String node) {
		this(taskId, source, fileType, query, queryKey, owner, ownerEmail, status, progress, attempts, createdAt,
				startedAt, finishedAt, error, files, jobExecutionId, node, NO_COMPRESSION);
	}

	/** A new task, Pending, with the number of rows its query matched when it was asked for. */
	public static ExportTask pending(String taskId, String source, String fileType, String query, String queryKey,
			String owner, String ownerEmail, Instant createdAt, Long matchedRows) {
		return pending(taskId, source, fileType, NO_COMPRESSION, query, queryKey, owner, ownerEmail, createdAt,
				matchedRows);
	}

	/** A new task, Pending, whose files are stored with {@code compression} ({@code none} or {@code gzip}). */
	public static ExportTask pending(String taskId, String source, String fileType, String compression, String query,
			String queryKey, String owner, String ownerEmail, Instant createdAt, Long matchedRows) {
		return new ExportTask(taskId, source, fileType, query, queryKey, owner, ownerEmail, TaskStatus.PENDING,
				new Progress(0, matchedRows), 0, createdAt, null, null, null, List.of(), null, null, compression);
	}

	/** The same task with other files (new links, or removed by retention). */
	public ExportTask withFiles(List<ExportFile> files) {
		return new ExportTask(this.taskId, this.source, this.fileType, this.query, this.queryKey, this.owner,
				this.ownerEmail, this.status, this.progress, this.attempts, this.createdAt, this.startedAt, this.finishedAt,
				this.error, files, this.jobExecutionId, this.node, this.compression, this.interruptions);
	}

	public long totalRowsInFiles() {
		return this.files.stream().mapToLong(ExportFile::rows).sum();
	}

}
