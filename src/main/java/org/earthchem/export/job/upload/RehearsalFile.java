package org.earthchem.export.job.upload;

import java.io.OutputStream;

/**
 * A file written the way an export writes one — rows into the {@link PartBuffers}, a part taken and hashed whenever
 * one is full — whose parts are then dropped instead of uploaded: what the start-up warm-up writes into, so that the
 * JIT compiles the formats for the buffers an export really writes into (a warm-up writing into a null stream left
 * them compiled for that stream alone, and the first export recompiled them) and compiles the file's digest.
 */
public final class RehearsalFile implements AutoCloseable {

	private final PartBuffers buffers;

	private final FileDigest digest = FileDigest.start();

	private final int partSize;

	private long bytes;

	/** @param gzipLevel as an export's, or {@link PartBuffers#NO_GZIP} */
	public RehearsalFile(int partSize, int gzipLevel) {
		this.buffers = new PartBuffers(partSize, gzipLevel);
		this.partSize = partSize;
	}

	/** Where the format writes. */
	public OutputStream out() {
		return this.buffers;
	}

	/** After each row, as an export's file: a full part is taken and hashed, then dropped. */
	public void rowWritten() {
		if (this.buffers.size() >= this.partSize) {
			drop(this.buffers.take());
		}
	}

	/** Ends the file (its format has written its end); returns the bytes it held. */
	public long finish() {
		drop(this.buffers.take());
		this.digest.hex();
		return this.bytes;
	}

	@Override
	public void close() {
		this.buffers.close();
	}

	private void drop(PartBuffers.Buffer part) {
		this.digest.update(part.bytes(), 0, part.size());
		this.bytes += part.size();
	}

}
