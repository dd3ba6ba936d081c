package org.earthchem.export.job;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.storage.FileUpload;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where an execution of the extract step begins: at the start, or after the checkpoint an earlier execution left
 * (on any node). The reader reads from its sort values; the writer continues its file's upload. A file whose upload
 * is gone from the bucket (completed or aborted meanwhile) is written again from its first row.
 */
class ResumePoint {

	private static final Logger log = LoggerFactory.getLogger(ResumePoint.class);

	private final ExportCheckpoint checkpoint;

	private final boolean resumed;

	private final FileUpload upload;

	ResumePoint(ExportCheckpoint checkpoint, boolean resumed, FileUpload upload) {
		this.checkpoint = checkpoint;
		this.resumed = resumed;
		this.upload = upload;
	}

	/**
	 * @param uploads finds the upload of a file that has parts in the checkpoint, if the bucket still holds it
	 */
	static ResumePoint of(ExecutionContext stepContext, java.util.function.Function<FileState, Optional<FileUpload>> uploads) {
		if (!ExportCheckpoint.isIn(stepContext)) {
			return new ResumePoint(ExportCheckpoint.start(), false, null);
		}
		ExportCheckpoint checkpoint = ExportCheckpoint.from(stepContext);
		FileState current = checkpoint.current();
		if (current == null || !current.hasParts()) {
			return new ResumePoint(checkpoint, true, null);
		}
		Optional<FileUpload> upload = uploads.apply(current);
		if (upload.isPresent()) {
			return new ResumePoint(checkpoint, true, upload.get());
		}
		log.warn("The upload of file {} is no longer in the bucket; the file is written again from its first row",
				current.number());
		ExportCheckpoint rewound = new ExportCheckpoint(checkpoint.finished(),
				FileState.notStarted(current.number(), current.startAfter()), current.startAfter());
		return new ResumePoint(rewound, true, null);
	}

	ExportCheckpoint checkpoint() {
		return this.checkpoint;
	}

	/** Whether an earlier execution left a checkpoint. */
	boolean resumed() {
		return this.resumed;
	}

	/** The sort values after which reading goes on, or null to read from the first document. */
	String searchAfter() {
		return this.checkpoint.resumeAfter();
	}

	/** The upload of the checkpoint's file, continued; null when that file has no part in the bucket. */
	FileUpload upload() {
		return this.upload;
	}

}
