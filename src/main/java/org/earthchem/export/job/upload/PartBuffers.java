package org.earthchem.export.job.upload;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * The two part buffers of one export: formatted rows go into the current one while the other is being uploaded.
 * All that an export holds of its file in memory is these two buffers (and, for gzip, one compressor). With gzip each
 * part is one complete gzip member: the bytes written are compressed into the current buffer, and the member ends
 * when the part is taken, so a part never depends on the compressor state of another.
 */
public final class PartBuffers extends OutputStream {

	private final Buffer[] buffers;

	/** The gzip level, or -2 for parts stored as written. */
	private final int gzipLevel;

	private int current;

	/** The gzip member of the current part, from its first byte on; null before it or without gzip. */
	private GzipMember member;

	/** @param partSize the size at which a part is uploaded; a buffer grows past it by at most one row */
	PartBuffers(int partSize) {
		this(partSize, NO_GZIP);
	}

	/** Parts compressed at this gzip level (1-9), or {@link #NO_GZIP}. */
	PartBuffers(int partSize, int gzipLevel) {
		int capacity = partSize + Math.max(partSize / 16, 64 * 1024);
		this.buffers = new Buffer[] { new Buffer(capacity), new Buffer(capacity) };
		this.gzipLevel = gzipLevel;
	}

	public static final int NO_GZIP = -2;

	@Override
	public void write(int b) {
		if (this.gzipLevel == NO_GZIP) {
			this.buffers[this.current].write(b);
		}
		else {
			member().write(b);
		}
	}

	@Override
	public void write(byte[] b, int off, int len) {
		if (this.gzipLevel == NO_GZIP) {
			this.buffers[this.current].write(b, off, len);
		}
		else {
			member().write(b, off, len);
		}
	}

	/**
	 * Nothing to do: the bytes are in memory. A gzip member is not flushed here (a sync flush after every row would
	 * cost much of the compression); it ends when its part is taken.
	 */
	@Override
	public void flush() {
	}

	private GzipMember member() {
		if (this.member == null) {
			this.member = GzipMember.begin(this.buffers[this.current], this.gzipLevel);
		}
		return this.member;
	}

	/** Bytes in the current buffer (compressed so far, with gzip). */
	int size() {
		return this.buffers[this.current].size();
	}

	/**
	 * Hands over the current buffer (its gzip member ended) and continues in the other one, emptied. The caller must be
	 * done with the buffer it took before that (its upload finished).
	 */
	Buffer take() {
		if (this.member != null) {
			this.member.end();
			this.member = null;
		}
		Buffer full = this.buffers[this.current];
		this.current ^= 1;
		this.buffers[this.current].reset();
		return full;
	}

	/** Frees the compressor of a part that will not be taken (the step stops). */
	@Override
	public void close() {
		if (this.member != null) {
			this.member.release();
			this.member = null;
		}
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
