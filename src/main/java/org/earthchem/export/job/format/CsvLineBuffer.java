package org.earthchem.export.job.format;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * The character buffer under {@link CsvRowWriter}: FastCSV writes the filled fields into it unbuffered, and the
 * row writer puts the runs of separators for empty fields in between. One thread writes it, so nothing is locked.
 */
final class CsvLineBuffer extends Writer {

	private final Writer out;

	private final char[] buffer = new char[64 * 1024];

	private final char[] separators;

	private int length;

	CsvLineBuffer(Writer out, int columns, char separator) {
		this.out = out;
		this.separators = new char[Math.max(columns, 1)];
		Arrays.fill(this.separators, separator);
	}

	/** Writes {@code count} field separators: the empty fields of a row cost one character each. */
	void separators(int count) throws IOException {
		int left = count;
		while (left > 0) {
			int run = Math.min(left, this.separators.length);
			write(this.separators, 0, run);
			left -= run;
		}
	}

	@Override
	public void write(int c) throws IOException {
		if (this.length == this.buffer.length) {
			drain();
		}
		this.buffer[this.length++] = (char) c;
	}

	@Override
	public void write(char[] chars, int offset, int count) throws IOException {
		if (count > this.buffer.length - this.length) {
			drain();
			if (count > this.buffer.length) {
				this.out.write(chars, offset, count);
				return;
			}
		}
		System.arraycopy(chars, offset, this.buffer, this.length, count);
		this.length += count;
	}

	@Override
	public void write(String text, int offset, int count) throws IOException {
		if (count > this.buffer.length - this.length) {
			drain();
			if (count > this.buffer.length) {
				this.out.write(text, offset, count);
				return;
			}
		}
		text.getChars(offset, offset + count, this.buffer, this.length);
		this.length += count;
	}

	private void drain() throws IOException {
		this.out.write(this.buffer, 0, this.length);
		this.length = 0;
	}

	@Override
	public void flush() throws IOException {
		drain();
		this.out.flush();
	}

	@Override
	public void close() throws IOException {
		flush();
	}

}
