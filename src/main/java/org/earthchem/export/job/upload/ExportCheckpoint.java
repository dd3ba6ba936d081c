package org.earthchem.export.job.upload;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.earthchem.export.storage.UploadedPart;
import org.earthchem.export.task.ExportFile;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where an export stands in the bucket: the files finished, the file being written as far as its uploaded parts go,
 * and the sort values after which a restarted read goes on. Saved in the extract step's execution context at each
 * commit, it describes only uploaded parts: rows formatted since are read again by a restart, on any node.
 *
 * @param finished the files stored whole, in order
 * @param current the file being written, or null once every file is finished
 * @param resumeAfter the sort values of the last row the bucket holds, or null before the first
 */
public record ExportCheckpoint(List<ExportFile> finished, FileState current, String resumeAfter) {

	private static final String PREFIX = "checkpoint.";

	private static final String FINISHED = PREFIX + "finished";

	private static final String RESUME_AFTER = PREFIX + "resumeAfter";

	private static final String FILE = PREFIX + "file.";

	/** The start of an export: nothing uploaded. */
	static ExportCheckpoint start() {
		return new ExportCheckpoint(List.of(), FileState.notStarted(1, null), null);
	}

	/** Whether an earlier execution of the step left this checkpoint (the export resumes). */
	static boolean isIn(ExecutionContext context) {
		return context.containsKey(FINISHED);
	}

	static ExportCheckpoint from(ExecutionContext context) {
		if (!isIn(context)) {
			return start();
		}
		List<ExportFile> finished = FileListCodec.decode(context.getString(FINISHED));
		String resumeAfter = context.getString(RESUME_AFTER, null);
		if (!context.containsKey(FILE + "number")) {
			return new ExportCheckpoint(finished, null, resumeAfter);
		}
		String state = context.getString(FILE + "digestState", null);
		FileState current = new FileState(context.getInt(FILE + "number"), context.getString(FILE + "uploadId", null),
				decodeParts(context.getString(FILE + "parts")), context.getLong(FILE + "bytes"),
				context.getLong(FILE + "rows"), state == null ? null : Base64.getDecoder().decode(state),
				context.getString(FILE + "startAfter", null), resumeAfter);
		return new ExportCheckpoint(finished, current, resumeAfter);
	}

	void saveTo(ExecutionContext context) {
		context.putString(FINISHED, FileListCodec.encode(this.finished));
		putOrRemove(context, RESUME_AFTER, this.resumeAfter);
		for (String name : List.of("number", "uploadId", "parts", "bytes", "rows", "digestState", "startAfter")) {
			context.remove(FILE + name);
		}
		if (this.current != null) {
			context.putInt(FILE + "number", this.current.number());
			putOrRemove(context, FILE + "uploadId", this.current.uploadId());
			context.putString(FILE + "parts", encodeParts(this.current.parts()));
			context.putLong(FILE + "bytes", this.current.bytes());
			context.putLong(FILE + "rows", this.current.rows());
			putOrRemove(context, FILE + "digestState", this.current.digestState() == null ? null
					: Base64.getEncoder().encodeToString(this.current.digestState()));
			putOrRemove(context, FILE + "startAfter", this.current.startAfter());
		}
	}

	/** Rows the bucket holds, in finished files and uploaded parts. */
	public long rowsStored() {
		long rows = (this.current == null) ? 0 : this.current.rows();
		for (ExportFile file : this.finished) {
			rows += file.rows();
		}
		return rows;
	}

	private static void putOrRemove(ExecutionContext context, String key, String value) {
		if (value == null) {
			context.remove(key);
		}
		else {
			context.putString(key, value);
		}
	}

	private static String encodeParts(List<UploadedPart> parts) {
		StringBuilder text = new StringBuilder();
		for (UploadedPart part : parts) {
			text.append(part.number()).append('\t').append(part.etag()).append('\n');
		}
		return text.toString();
	}

	private static List<UploadedPart> decodeParts(String text) {
		List<UploadedPart> parts = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.isEmpty()) {
				int tab = line.indexOf('\t');
				parts.add(new UploadedPart(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1)));
			}
		}
		return parts;
	}

}
