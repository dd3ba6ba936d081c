package org.earthchem.export.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.storage.TaskCipher;
import org.earthchem.export.storage.TempFiles;
import org.earthchem.export.storage.UploadCancelledException;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Uploads the finished parts to the export bucket under their final names, decrypting them as they stream, checks
 * each stored object, records it and deletes its temporary file. A restart uploads only what is missing; a
 * cancellation between parts or uploads stops the job.
 */
class StoreTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(StoreTasklet.class);

	static final String PARTS = "export.parts";

	static final String FILES = "export.files";

	private final ExportBucket bucket;

	private final TempFiles tempFiles;

	private final TaskStore tasks;

	StoreTasklet(ExportBucket bucket, TempFiles tempFiles, TaskStore tasks) {
		this.bucket = bucket;
		this.tempFiles = tempFiles;
		this.tasks = tasks;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		ExecutionContext jobContext = step.getJobExecution().getExecutionContext();
		String taskId = step.getJobParameters().getString(ExportLauncher.TASK_ID);
		ExportTask task = this.tasks.find(taskId).orElseThrow(() -> new IllegalStateException("task " + taskId + " is gone"));
		ExportPlan plan = ExportPlan.from(jobContext);
		List<PartFile> parts = decodeParts(jobContext.getString(PARTS));
		String folder = this.bucket.folder(task.source(), task.createdAt(), taskId);
		String contentType = plan.fileType().contentType();
		// an earlier attempt may have left an upload half done
		this.bucket.abortUnfinished(folder);
		TaskCipher cipher = this.tempFiles.cipherFor(taskId);
		List<ExportFile> files = new ArrayList<>();
		for (PartFile part : parts) {
			String name = fileName(taskId, part.number(), parts.size(), plan.fileType().extension());
			String key = folder + name;
			if (this.tasks.isCancelRequested(taskId)) {
				return stop(step, taskId);
			}
			if (!this.bucket.holds(key, part.sha256())) {
				try (InputStream content = part.open(cipher)) {
					this.bucket.upload(key, content, contentType,
							Map.of(ExportBucket.META_TASK, taskId, ExportBucket.META_ROWS, Long.toString(part.rows()),
									ExportBucket.META_SHA256, part.sha256()),
							() -> this.tasks.isCancelRequested(taskId));
				}
				catch (UploadCancelledException ex) {
					return stop(step, taskId);
				}
				confirm(key, part);
				this.tasks.recordEvent(taskId, TaskEventType.FILE_STORED, name + " (" + part.rows() + " rows, "
						+ part.bytes() + " bytes, sha256 " + part.sha256() + ") as s3://" + this.bucket.name() + "/" + key);
			}
			TempFiles.deleteTree(part.file());
			files.add(ExportFile.stored(name, part.rows(), part.bytes(), part.sha256(), key));
		}
		jobContext.putString(FILES, ExportFiles.encode(files));
		return RepeatStatus.FINISHED;
	}

	/** The object is there, whole: its size and recorded digest are those of the part. */
	private void confirm(String key, PartFile part) throws IOException {
		HeadObjectResponse head = this.bucket.find(key)
			.orElseThrow(() -> new IOException("the upload of " + key + " is not in the bucket"));
		if (head.contentLength() != part.bytes() || !part.sha256().equals(head.metadata().get(ExportBucket.META_SHA256))) {
			throw new IOException("the object " + key + " is " + head.contentLength() + " bytes where " + part.bytes()
					+ " were uploaded");
		}
	}

	private static RepeatStatus stop(StepExecution step, String taskId) {
		log.info("Export {} was cancelled while its files were being stored", taskId);
		// the job ends STOPPED; the task becomes Cancelled and its objects and temporary files are removed
		step.setTerminateOnly();
		return RepeatStatus.FINISHED;
	}

	/** One file: {@code <taskId>.csv}; several: {@code <taskId>-part-001.csv}, … */
	static String fileName(String taskId, int number, int parts, String extension) {
		return (parts == 1) ? taskId + "." + extension : String.format("%s-part-%03d.%s", taskId, number, extension);
	}

	static String encodeParts(List<PartFile> parts) {
		StringBuilder text = new StringBuilder();
		parts.forEach((part) -> text.append(part.encode()).append('\n'));
		return text.toString();
	}

	static List<PartFile> decodeParts(String text) {
		List<PartFile> parts = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.isBlank()) {
				parts.add(PartFile.decode(line));
			}
		}
		return parts;
	}

}
