package org.earthchem.export.storage;

/** An upload stopped because its export was cancelled; its unfinished multipart upload is aborted. */
public class UploadCancelledException extends RuntimeException {

	public UploadCancelledException(String key) {
		super("upload of " + key + " cancelled");
	}

}
