package org.earthchem.export.job;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * The two part buffers of one export: formatted rows go into the current one while the other is being uploaded.
 * All that an export holds of its file in memory is these two buffers.
 */
final class PartBuffers extends OutputStream {

	private final Buffer[] buffers;

	private int current;

	/** @param partSize the size at which a part is uploaded; a buffer grows past it by at most one row */
	PartBuffers(int partSize) {
		int capacity = partSize + Math.max(partSize / 16, 64 * 1024);
		this.buffers = new Buffer[] { new Buffer(capacity), new Buffer(capacity) };
	}

	@Override
	public void write(int b) {
		this.buffers[this.current].write(b);
	}

	@Override
	public void write(byte[] b, int off, int len) {
		this.buffers[this.current].write(b, off, len);
	}

	/** Bytes in the current buffer. */
	int size() {
		return this.buffers[this.current].size();
	}

	/**
	 * Hands over the current buffer and continues in the other one, emptied. The caller must be done with the buffer
	 * it took before that (its upload finished).
	 */
	Buffer take() {
		Buffer full = this.buffers[this.current];
		this.current ^= 1;
		this.buffers[this.current].reset();
		return full;
	}

	/** A buffer whose bytes are read in place, without the copy {@link #toByteArray()} makes. */
	static final class Buffer extends ByteArrayOutputStream {

		Buffer(int capacity) {
			super(capacity);
		}

		byte[] bytes() {
			return this.buf;
		}

	}

}
