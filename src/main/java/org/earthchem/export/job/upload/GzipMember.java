package org.earthchem.export.job.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip member: a complete gzip stream (header, deflated bytes, trailer) that ends with the part it is written
 * into, so that a part holds no compressor state that the next part needs. Files of several members are read as one
 * stream by gunzip, Python's gzip, Java's GZIPInputStream and pandas.
 */
final class GzipMember extends GZIPOutputStream {

	private GzipMember(OutputStream out, int level) throws IOException {
		super(out, 64 * 1024, false);
		this.def.setLevel(level);
	}

	/** A member begun in {@code out} (its header written), deflating at {@code level}. */
	static GzipMember begin(OutputStream out, int level) {
		try {
			return new GzipMember(out, level);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) {
		try {
			super.write(bytes, offset, length);
		}
		catch (IOException ex) {
			// the target is an in-memory buffer
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes what the compressor holds and the trailer; the member is complete. */
	void end() {
		try {
			finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.def.end();
		}
	}

	/** Frees the compressor without ending the member (the part is given up). */
	void release() {
		this.def.end();
	}

}
