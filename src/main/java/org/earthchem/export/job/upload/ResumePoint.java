package org.earthchem.export.job.upload;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.storage.FileUpload;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where an execution of the extract step begins: at the start, or after the checkpoint an earlier execution left
 * (on any node). The reader reads from its sort values; the writer continues its file's upload. A file whose upload
 * is gone from the bucket (completed or aborted meanwhile) is written again from its first row, and so is every file
 * of a format that cannot be continued mid-file (XLSX): its unfinished upload is aborted and the file begins anew.
 */
public class ResumePoint {

	private static final Logger log = LoggerFactory.getLogger(ResumePoint.class);

	private final ExportCheckpoint checkpoint;

	private final boolean resumed;

	private final FileUpload upload;

	private final FileDigest digest;

	ResumePoint(ExportCheckpoint checkpoint, boolean resumed, FileUpload upload, FileDigest digest) {
		this.checkpoint = checkpoint;
		this.resumed = resumed;
		this.upload = upload;
		this.digest = digest;
	}

	/**
	 * @param uploads finds the upload of a file that has parts in the checkpoint, if the bucket still holds it
	 */
	public static ResumePoint of(ExecutionContext stepContext, java.util.function.Function<FileState, Optional<FileUpload>> uploads) {
		return of(stepContext, uploads, true);
	}

	/**
	 * @param uploads finds the upload of a file that has parts in the checkpoint, if the bucket still holds it
	 * @param continuesMidFile false when the format's files are only ever written whole (XLSX)
	 */
	public static ResumePoint of(ExecutionContext stepContext, java.util.function.Function<FileState, Optional<FileUpload>> uploads,
			boolean continuesMidFile) {
		if (!ExportCheckpoint.isIn(stepContext)) {
			return new ResumePoint(ExportCheckpoint.start(), false, null, null);
		}
		ExportCheckpoint checkpoint = ExportCheckpoint.from(stepContext);
		FileState current = checkpoint.current();
		if (current == null || !current.hasParts()) {
			return new ResumePoint(checkpoint, true, null, null);
		}
		if (!continuesMidFile) {
			log.info("File {} is written again from its first row: its format cannot be continued mid-file",
					current.number());
			uploads.apply(current).ifPresent(ResumePoint::abortQuietly);
			return rewound(checkpoint);
		}
		FileDigest digest;
		try {
			digest = FileDigest.restore(current.digestState());
		}
		catch (IllegalArgumentException ex) {
			log.warn("File {} is written again from its first row: {}", current.number(), ex.getMessage());
			return rewound(checkpoint);
		}
		Optional<FileUpload> upload = uploads.apply(current);
		if (upload.isEmpty()) {
			log.warn("The upload of file {} is no longer in the bucket; the file is written again from its first row",
					current.number());
			return rewound(checkpoint);
		}
		return new ResumePoint(checkpoint, true, upload.get(), digest);
	}

	private static void abortQuietly(FileUpload upload) {
		try {
			upload.abort();
		}
		catch (RuntimeException ex) {
			// the sweep aborts it once the export has ended
			log.warn("Could not abort the unfinished upload of {}: {}", upload.key(), ex.getMessage());
		}
	}

	/** The checkpoint taken back to the start of its file. */
	private static ResumePoint rewound(ExportCheckpoint checkpoint) {
		FileState current = checkpoint.current();
		return new ResumePoint(new ExportCheckpoint(checkpoint.finished(),
				FileState.notStarted(current.number(), current.startAfter()), current.startAfter()), true, null, null);
	}

	public ExportCheckpoint checkpoint() {
		return this.checkpoint;
	}

	/** Whether an earlier execution left a checkpoint. */
	boolean resumed() {
		return this.resumed;
	}

	/** The sort values after which reading goes on, or null to read from the first document. */
	public String searchAfter() {
		return this.checkpoint.resumeAfter();
	}

	/** The upload of the checkpoint's file, continued; null when that file has no part in the bucket. */
	FileUpload upload() {
		return this.upload;
	}

	/** The digest of the parts of {@link #upload()}, restored. */
	FileDigest digest() {
		return this.digest;
	}

}
