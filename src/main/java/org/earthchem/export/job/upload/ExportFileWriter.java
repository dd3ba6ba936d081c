package org.earthchem.export.job.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.format.RowFormat;
import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.run.NodeId;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskRun;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes rows straight into the bucket: file after file of at most {@code maxRowsPerFile} rows, each streamed part by
 * part into its multipart upload. At each commit the checkpoint records what is uploaded; once the reader is
 * exhausted the last file is stored and the step's context lists every file.
 */
public class ExportFileWriter implements ItemStreamWriter<Row> {

	private static final Logger log = LoggerFactory.getLogger(ExportFileWriter.class);

	/** The stored files, in the step's context once every file is; the job's listener reports them. */
	public static final String FILES = "export.files";

	private final ExportBucket bucket;

	private final TaskRun run;

	private final FileNames names;

	private final String contentType;

	private final RowFormat format;

	private final long maxRowsPerFile;

	private final int partSize;

	/** The gzip level of the parts, or {@link PartBuffers#NO_GZIP}. */
	private final int gzipLevel;

	private final PartUploader uploader;

	private final ResumePoint resumePoint;

	private final BooleanSupplier inputExhausted;

	private final LongConsumer progress;

	private final NodeId node;

	private final List<ExportFile> finished = new ArrayList<>();

	private PartBuffers buffers;

	private OpenFile file;

	private String lastSortValues;

	public ExportFileWriter(ExportBucket bucket, TaskRun run, FileNames names, String contentType, RowFormat format,
			long maxRowsPerFile, int partSize, int gzipLevel, PartUploader uploader, ResumePoint resumePoint,
			BooleanSupplier inputExhausted, NodeId node, LongConsumer progress) {
		this.gzipLevel = gzipLevel;
		this.node = node;
		this.bucket = bucket;
		this.run = run;
		this.names = names;
		this.contentType = contentType;
		this.format = format;
		this.maxRowsPerFile = maxRowsPerFile;
		this.partSize = partSize;
		this.uploader = uploader;
		this.resumePoint = resumePoint;
		this.inputExhausted = inputExhausted;
		this.progress = progress;
	}

	@Override
	public void open(ExecutionContext context) {
		ExportCheckpoint checkpoint = this.resumePoint.checkpoint();
		this.finished.addAll(checkpoint.finished());
		this.lastSortValues = checkpoint.resumeAfter();
		FileState current = checkpoint.current();
		if (current == null) {
			// every file was stored; the step only has to report them
			return;
		}
		this.buffers = new PartBuffers(this.partSize, this.gzipLevel);
		if (this.resumePoint.upload() != null) {
			this.file = OpenFile.resume(this.names.name(current.number()), this.resumePoint.upload(), current,
					this.resumePoint.digest(), this.buffers, this.partSize, this.uploader, this::stillHeld);
			this.format.resume(this.buffers, current.rows());
		}
		else {
			beginFile(current.number(), current.startAfter());
		}
		if (this.resumePoint.resumed()) {
			String where = String.format(Locale.ROOT, "file %d (%s) after row %,d; %,d rows of the export stored; on %s",
					current.number(), this.names.name(current.number()), current.rows(), checkpoint.rowsStored(),
					this.node.value());
			log.info("Export {} resumes at {}", this.names.taskId(), where);
			this.run.event(TaskEventType.RESUMED, where);
		}
	}

	@Override
	public void write(Chunk<? extends Row> rows) {
		for (Row row : rows) {
			if (this.file.rows() == this.maxRowsPerFile) {
				finishFile();
				beginFile(this.finished.size() + 1, this.lastSortValues);
			}
			this.format.write(row);
			// the part boundary falls between rows, so a checkpoint is a row's sort values
			this.format.flush();
			this.file.rowWritten(row.sortValues());
			this.lastSortValues = row.sortValues();
		}
		this.progress.accept(rowsShipped());
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.file != null && this.inputExhausted.getAsBoolean()) {
			finishFile();
			context.putString(FILES, FileListCodec.encode(this.finished));
		}
		checkpoint().saveTo(context);
	}

	@Override
	public void close() {
		if (this.file != null) {
			this.file.close();
		}
		if (this.buffers != null) {
			this.buffers.close();
		}
	}

	/** Rows in stored files and in parts uploaded or being uploaded. */
	private long rowsShipped() {
		long rows = (this.file == null) ? 0 : this.file.shippedRows();
		for (ExportFile stored : this.finished) {
			rows += stored.rows();
		}
		return rows;
	}

	private ExportCheckpoint checkpoint() {
		if (this.file == null) {
			return new ExportCheckpoint(List.copyOf(this.finished), null, this.lastSortValues);
		}
		FileState uploaded = this.file.uploadedState();
		return new ExportCheckpoint(List.copyOf(this.finished), uploaded, uploaded.after());
	}

	private void beginFile(int number, String startAfter) {
		this.file = OpenFile.begin(number, this.names.name(number),
				this.bucket.newUpload(this.names.key(number), this.contentType, this.names.taskId()), startAfter,
				this.buffers, this.partSize, this.uploader, this::stillHeld);
		this.format.begin(this.buffers);
	}

	/** Shows that the run still holds its task before a part leaves; throws when it lost it. */
	private void stillHeld() {
		this.run.heartbeat();
	}

	private void finishFile() {
		this.format.end();
		ExportFile stored = this.file.finish();
		this.finished.add(stored);
		this.run.event(TaskEventType.FILE_STORED,
				String.format(Locale.ROOT, "%s (%,d rows, %,d bytes, sha256 %s) as s3://%s/%s", stored.name(),
						stored.rows(), stored.bytes(), stored.sha256(), this.bucket.name(), stored.location()));
		this.file = null;
	}

}
