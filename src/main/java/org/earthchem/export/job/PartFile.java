package org.earthchem.export.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;

import org.earthchem.export.storage.TaskCipher;

/**
 * A finished part of an export in the work folder: a folder of encrypted pieces, one per committed chunk, whose
 * plaintexts in order are the file.
 *
 * @param number 1-based part number
 * @param file the part's folder
 * @param rows data rows
 * @param bytes size of the plaintext
 * @param sha256 lowercase hex digest of the plaintext
 * @param pieces encrypted pieces in the folder
 */
record PartFile(int number, Path file, long rows, long bytes, String sha256, int pieces) {

	/** Encodes for the step's execution context. */
	String encode() {
		return this.number + "|" + this.rows + "|" + this.bytes + "|" + this.sha256 + "|" + this.pieces + "|"
				+ this.file;
	}

	static PartFile decode(String text) {
		String[] parts = text.split("\\|", 6);
		return new PartFile(Integer.parseInt(parts[0]), Path.of(parts[5]), Long.parseLong(parts[1]),
				Long.parseLong(parts[2]), parts[3], Integer.parseInt(parts[4]));
	}

	/** The file of a piece in a part's folder. */
	static Path piece(Path partFolder, int index) {
		return partFolder.resolve(String.format("%06d.piece", index));
	}

	/** The plaintext of this part, decrypted piece by piece as it is read. */
	InputStream open(TaskCipher cipher) {
		return openPieces(cipher, this.file, this.pieces);
	}

	/** The plaintext of the first {@code count} pieces of a part's folder. */
	static InputStream openPieces(TaskCipher cipher, Path partFolder, int count) {
		return new SequenceInputStream(new Enumeration<InputStream>() {

			private int next = 1;

			@Override
			public boolean hasMoreElements() {
				return this.next <= count;
			}

			@Override
			public InputStream nextElement() {
				try {
					return cipher.open(piece(partFolder, this.next++));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
	}

}
