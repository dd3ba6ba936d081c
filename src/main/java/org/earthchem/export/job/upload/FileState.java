package org.earthchem.export.job.upload;

import java.util.List;

import org.earthchem.export.storage.UploadedPart;

/**
 * The file an export was writing, as far as the bucket holds it: what a restart on any node needs to continue it.
 *
 * @param number 1-based file number
 * @param uploadId its multipart upload, or null while no part is uploaded
 * @param parts the parts uploaded, in order
 * @param bytes bytes in those parts
 * @param rows rows in those parts
 * @param digestState the SHA-256 state after those bytes (Bouncy Castle's encoded state), or null with no part
 * @param startAfter the sort values after which the file's first row comes (null: the export's first row)
 * @param after the sort values of the last row in the last uploaded part (the file's start while none is)
 */
public record FileState(int number, String uploadId, List<UploadedPart> parts, long bytes, long rows, byte[] digestState,
		String startAfter, String after) {

	/** A file of which nothing is uploaded yet. */
	static FileState notStarted(int number, String startAfter) {
		return new FileState(number, null, List.of(), 0, 0, null, startAfter, startAfter);
	}

	boolean hasParts() {
		return !this.parts.isEmpty();
	}

}
