package org.earthchem.export.job;

import java.nio.file.Path;

/**
 * A finished part of an export in the work folder.
 *
 * @param number 1-based part number
 * @param file where it is
 * @param rows data rows
 * @param bytes size
 * @param sha256 lowercase hex digest
 */
record PartFile(int number, Path file, long rows, long bytes, String sha256) {

	/** Encodes for the step's execution context. */
	String encode() {
		return this.number + "|" + this.rows + "|" + this.bytes + "|" + this.sha256 + "|" + this.file;
	}

	static PartFile decode(String text) {
		String[] parts = text.split("\\|", 5);
		return new PartFile(Integer.parseInt(parts[0]), Path.of(parts[4]), Long.parseLong(parts[1]),
				Long.parseLong(parts[2]), parts[3]);
	}

}
