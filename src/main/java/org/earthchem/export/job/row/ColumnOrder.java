package org.earthchem.export.job.row;

/**
 * Puts a row's values in column order in linear time: a bitmap of the columns a row fills, and for each column the
 * chain of its values in document order. One instance serves row after row of one reader (one thread at a time);
 * it is left clean after each row.
 */
final class ColumnOrder {

	private final long[] present;

	private final int[] head;

	private final int[] tail;

	private int[] next = new int[256];

	ColumnOrder(int columns) {
		this.present = new long[(columns + 63) / 64];
		this.head = new int[columns];
		this.tail = new int[columns];
	}

	/** The positions of the values in column order (document order within a column). */
	int[] positions(int[] columns, int size) {
		if (this.next.length < size) {
			this.next = new int[size * 2];
		}
		for (int i = 0; i < size; i++) {
			int column = columns[i];
			long bit = 1L << column;
			if ((this.present[column >>> 6] & bit) == 0) {
				this.present[column >>> 6] |= bit;
				this.head[column] = i;
			}
			else {
				this.next[this.tail[column]] = i;
			}
			this.tail[column] = i;
			this.next[i] = -1;
		}
		int[] positions = new int[size];
		int k = 0;
		for (int word = 0; word < this.present.length; word++) {
			long bits = this.present[word];
			this.present[word] = 0;
			while (bits != 0) {
				int column = (word << 6) + Long.numberOfTrailingZeros(bits);
				bits &= bits - 1;
				for (int i = this.head[column]; i != -1; i = this.next[i]) {
					positions[k++] = i;
				}
			}
		}
		return positions;
	}

}
