package org.earthchem.export.storage;

/** The export bucket could not be reached or kept failing for a reason that may pass. */
public class StorageUnavailableException extends RuntimeException {

	public StorageUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
