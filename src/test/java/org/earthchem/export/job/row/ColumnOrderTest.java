package org.earthchem.export.job.row;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Values in column order, document order within a column, row after row with the same scratch space. */
class ColumnOrderTest {

	@Test
	void positionsAreAStableSortByColumnForRowAfterRow() {
		ColumnOrder order = new ColumnOrder(3000);
		Random random = new Random(7);
		for (int row = 0; row < 200; row++) {
			int size = random.nextInt(400);
			int[] columns = IntStream.range(0, size).map((i) -> random.nextInt(random.nextBoolean() ? 3000 : 40)).toArray();

			int[] positions = order.positions(columns, size);

			int[] expected = IntStream.range(0, size).boxed()
				.sorted(Comparator.comparingInt((Integer i) -> columns[i]))
				.mapToInt(Integer::intValue)
				.toArray();
			assertThat(positions).as("row %d", row).isEqualTo(expected);
		}
	}

}
