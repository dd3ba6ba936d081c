package org.earthchem.export.job.row;

import java.util.Arrays;

/**
 * One output row, sparse: the values a document has, each tagged with its column index, in column order after
 * {@link #seal(ColumnOrder)}. Several values for one column come from arrays; they keep document order.
 * <p>
 * The values' characters are kept in one array of the row, not as a string each: a page of rows waits while the one
 * before it is written, and a thousand rows of strings outlived the young generation of a small heap (an 80,000-row
 * export at {@code -Xmx256m} promoted about ten megabytes at every young collection). A value becomes a string only
 * when a format asks for one, and dies there.
 */
public final class Row {

	private static final int IN_ARRAY = 0x80;

	private static final int KIND = 0x7F;

	private static final ValueKind[] KINDS = ValueKind.values();

	private String sortValues;

	private int size;

	private int[] columns = new int[64];

	/** The value's kind (its ordinal), with {@link #IN_ARRAY} set for a value from an array. */
	private byte[] flags = new byte[64];

	/** Where each value's characters end in {@link #chars}; the first begins at 0, each other where the one before ends. */
	private int[] ends = new int[64];

	private char[] chars = new char[1024];

	/** The document's sort values: where a read resumes after this row. */
	public String sortValues() {
		return this.sortValues;
	}

	public void setSortValues(String sortValues) {
		this.sortValues = sortValues;
	}

	public void add(int column, ValueKind kind, String text, boolean inArray) {
		int start = reserve(text.length());
		text.getChars(0, text.length(), this.chars, start);
		added(column, kind, inArray, start + text.length());
	}

	/** A value given as characters (a parser's buffer, copied here). */
	public void add(int column, ValueKind kind, char[] text, int offset, int length, boolean inArray) {
		int start = reserve(length);
		System.arraycopy(text, offset, this.chars, start, length);
		added(column, kind, inArray, start + length);
	}

	/** Room for one more value of this many characters; where its characters begin. */
	private int reserve(int length) {
		if (this.size == this.columns.length) {
			int capacity = this.size * 2;
			this.columns = Arrays.copyOf(this.columns, capacity);
			this.flags = Arrays.copyOf(this.flags, capacity);
			this.ends = Arrays.copyOf(this.ends, capacity);
		}
		int start = end(this.size - 1);
		if (start + length > this.chars.length) {
			this.chars = Arrays.copyOf(this.chars, Math.max(this.chars.length * 2, start + length));
		}
		return start;
	}

	private void added(int column, ValueKind kind, boolean inArray, int end) {
		this.columns[this.size] = column;
		this.flags[this.size] = (byte) (kind.ordinal() | (inArray ? IN_ARRAY : 0));
		this.ends[this.size] = end;
		this.size++;
	}

	/**
	 * Orders values by column, keeping document order within a column, into arrays of the row's exact size (the room
	 * left for growing is not kept while the row waits to be written).
	 */
	void seal(ColumnOrder order) {
		int[] positions = isSorted() ? null : order.positions(this.columns, this.size);
		int[] columns = new int[this.size];
		byte[] flags = new byte[this.size];
		int[] ends = new int[this.size];
		char[] chars = new char[end(this.size - 1)];
		int end = 0;
		for (int i = 0; i < this.size; i++) {
			int from = (positions != null) ? positions[i] : i;
			int start = start(from);
			int length = this.ends[from] - start;
			System.arraycopy(this.chars, start, chars, end, length);
			end += length;
			columns[i] = this.columns[from];
			flags[i] = this.flags[from];
			ends[i] = end;
		}
		this.columns = columns;
		this.flags = flags;
		this.ends = ends;
		this.chars = chars;
	}

	private boolean isSorted() {
		for (int i = 1; i < this.size; i++) {
			if (this.columns[i] < this.columns[i - 1]) {
				return false;
			}
		}
		return true;
	}

	public int size() {
		return this.size;
	}

	/** The last index holding a value of the same column as index {@code first}: an array's values share a cell. */
	public int lastOfColumn(int first) {
		int column = this.columns[first];
		int last = first;
		while (last + 1 < this.size && this.columns[last + 1] == column) {
			last++;
		}
		return last;
	}

	public int column(int i) {
		return this.columns[i];
	}

	public ValueKind kind(int i) {
		return KINDS[this.flags[i] & KIND];
	}

	/** The value as a new string. */
	public String text(int i) {
		int start = start(i);
		return new String(this.chars, start, this.ends[i] - start);
	}

	/** Appends the value to {@code out}, with no string made for it. */
	public void appendText(int i, StringBuilder out) {
		int start = start(i);
		out.append(this.chars, start, this.ends[i] - start);
	}

	/** The characters of every value, to be read, not changed: value {@code i} is at {@link #start(int)}. */
	public char[] chars() {
		return this.chars;
	}

	/** Where value {@code i} begins in {@link #chars()}. */
	public int start(int i) {
		return end(i - 1);
	}

	/** How many characters value {@code i} has. */
	public int length(int i) {
		return this.ends[i] - start(i);
	}

	private int end(int i) {
		return (i < 0) ? 0 : this.ends[i];
	}

	/** True when the value came from an array in the document (written as a JSON array even with one element). */
	public boolean inArray(int i) {
		return (this.flags[i] & IN_ARRAY) != 0;
	}

}
