package org.earthchem.export.job;

import java.util.ArrayList;
import java.util.List;

import org.earthchem.export.storage.ExportStorage;
import org.earthchem.export.storage.StoredFile;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Hands the finished parts to storage under their final names and records each as stored. */
class StoreTasklet implements Tasklet {

	static final String PARTS = "export.parts";

	static final String FILES = "export.files";

	private final ExportStorage storage;

	private final TaskStore tasks;

	StoreTasklet(ExportStorage storage, TaskStore tasks) {
		this.storage = storage;
		this.tasks = tasks;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext jobContext = chunkContext.getStepContext().getStepExecution().getJobExecution()
			.getExecutionContext();
		String taskId = chunkContext.getStepContext().getStepExecution().getJobParameters().getString("taskId");
		ExportPlan plan = ExportPlan.from(jobContext);
		List<PartFile> parts = decodeParts(jobContext.getString(PARTS));
		List<ExportFile> files = new ArrayList<>();
		for (PartFile part : parts) {
			String name = fileName(taskId, part.number(), parts.size(), plan.fileType().extension());
			StoredFile stored = this.storage.store(taskId, name, part.file());
			files.add(new ExportFile(name, part.rows(), part.bytes(), part.sha256(), stored.location()));
			this.tasks.recordEvent(taskId, TaskEventType.FILE_STORED,
					name + " (" + part.rows() + " rows, " + part.bytes() + " bytes, sha256 " + part.sha256() + ")");
		}
		jobContext.putString(FILES, ExportFiles.encode(files));
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
