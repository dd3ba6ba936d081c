package org.earthchem.export.job.row;

import java.util.Arrays;

/**
 * One output row, sparse: the values a document has, each tagged with its column index, in column order after
 * {@link #seal(ColumnOrder)}. Several values for one column come from arrays; they keep document order.
 */
public final class Row {

	private String sortValues;

	private int size;

	private int[] columns = new int[160];

	private ValueKind[] kinds = new ValueKind[160];

	private String[] texts = new String[160];

	private boolean[] arrays = new boolean[160];

	/** The document's sort values: where a read resumes after this row. */
	public String sortValues() {
		return this.sortValues;
	}

	public void setSortValues(String sortValues) {
		this.sortValues = sortValues;
	}

	public void add(int column, ValueKind kind, String text, boolean inArray) {
		if (this.size == this.columns.length) {
			int capacity = this.size * 2;
			this.columns = Arrays.copyOf(this.columns, capacity);
			this.kinds = Arrays.copyOf(this.kinds, capacity);
			this.texts = Arrays.copyOf(this.texts, capacity);
			this.arrays = Arrays.copyOf(this.arrays, capacity);
		}
		this.columns[this.size] = column;
		this.kinds[this.size] = kind;
		this.texts[this.size] = text;
		this.arrays[this.size] = inArray;
		this.size++;
	}

	/** Orders values by column, keeping document order within a column. */
	void seal(ColumnOrder order) {
		if (isSorted()) {
			return;
		}
		int[] positions = order.positions(this.columns, this.size);
		int[] columns = new int[this.size];
		ValueKind[] kinds = new ValueKind[this.size];
		String[] texts = new String[this.size];
		boolean[] arrays = new boolean[this.size];
		for (int i = 0; i < this.size; i++) {
			int from = positions[i];
			columns[i] = this.columns[from];
			kinds[i] = this.kinds[from];
			texts[i] = this.texts[from];
			arrays[i] = this.arrays[from];
		}
		this.columns = columns;
		this.kinds = kinds;
		this.texts = texts;
		this.arrays = arrays;
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
		return this.kinds[i];
	}

	public String text(int i) {
		return this.texts[i];
	}

	/** True when the value came from an array in the document (written as a JSON array even with one element). */
	public boolean inArray(int i) {
		return this.arrays[i];
	}

}
