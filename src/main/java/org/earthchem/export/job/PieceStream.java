package org.earthchem.export.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.earthchem.export.storage.TaskCipher;

/**
 * The plaintext stream of one part, written as a series of encrypted pieces: {@link #seal()} closes the current
 * piece at a commit, and the next write opens a new one. A restart keeps the sealed pieces and drops the rest.
 */
final class PieceStream extends OutputStream {

	private final TaskCipher cipher;

	private final Path folder;

	private int sealed;

	private long bytes;

	private OutputStream current;

	PieceStream(TaskCipher cipher, Path folder, int sealed, long bytes) {
		this.cipher = cipher;
		this.folder = folder;
		this.sealed = sealed;
		this.bytes = bytes;
	}

	@Override
	public void write(int b) throws IOException {
		open().write(b);
		this.bytes++;
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return;
		}
		open().write(b, off, len);
		this.bytes += len;
	}

	@Override
	public void flush() throws IOException {
		if (this.current != null) {
			this.current.flush();
		}
	}

	/** Closes the current piece, if anything was written to it; its data is then on disk, encrypted. */
	void seal() throws IOException {
		if (this.current != null) {
			this.current.close();
			this.current = null;
			this.sealed++;
		}
	}

	/** Pieces sealed so far. */
	int sealed() {
		return this.sealed;
	}

	/** Plaintext bytes written, sealed or not. */
	long bytes() {
		return this.bytes;
	}

	/** Closes the current piece without counting it (it is dropped on restart). */
	@Override
	public void close() throws IOException {
		if (this.current != null) {
			OutputStream open = this.current;
			this.current = null;
			open.close();
		}
	}

	private OutputStream open() throws IOException {
		if (this.current == null) {
			this.current = new BufferedOutputStream(this.cipher.create(PartFile.piece(this.folder, this.sealed + 1)),
					1 << 16);
		}
		return this.current;
	}

}
