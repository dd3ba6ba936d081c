package org.earthchem.export.storage;

/**
 * A multipart upload could not be completed with the parts this run uploaded: a run that had lost the export
 * overwrote one of them, or the upload is gone. Nothing was stored; another attempt resumes from the checkpoint (and
 * writes the file again from its first row when the checkpoint's own parts were overwritten).
 */
public class UploadConflictException extends RuntimeException {

	public UploadConflictException(String message, Throwable cause) {
		super(message, cause);
	}

}
