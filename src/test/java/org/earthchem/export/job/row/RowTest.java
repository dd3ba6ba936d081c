package org.earthchem.export.job.row;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowTest {

	@Test
	void sealingPutsTheValuesInColumnOrderWithTheirOwnCharactersKindsAndArrayMarks() {
		Row row = new Row();
		row.add(7, ValueKind.TEXT, "seven", false);
		row.add(2, ValueKind.NUMBER, "-0.000120", true);
		row.add(7, ValueKind.TEXT, "", false);
		row.add(0, ValueKind.BOOLEAN, "true", false);
		row.add(2, ValueKind.NUMBER, "1e5", true);

		row.seal(new ColumnOrder(8));

		assertThat(values(row)).containsExactly("0 BOOLEAN true -", "2 NUMBER -0.000120 [", "2 NUMBER 1e5 [",
				"7 TEXT seven -", "7 TEXT  -");
		assertThat(row.lastOfColumn(1)).isEqualTo(2);
	}

	@Test
	void aValueGivenAsASliceOfABufferIsCopiedSoTheBufferMayChangeAfterwards() {
		char[] buffer = "xx=cmd|' /C calc'!A0yy".toCharArray();
		Row row = new Row();
		row.add(3, ValueKind.TEXT, buffer, 2, 18, false);
		buffer[2] = '+';

		assertThat(row.text(0)).isEqualTo("=cmd|' /C calc'!A0");
		assertThat(row.length(0)).isEqualTo(18);
		assertThat(new String(row.chars(), row.start(0), row.length(0))).isEqualTo("=cmd|' /C calc'!A0");
	}

	@Test
	void aRowGrowsPastItsFirstRoomForValuesAndCharactersAndKeepsEveryOne() {
		Row row = new Row();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			String text = "value " + i + ", \"ünïcödé\"\r\n".repeat(i % 7);
			row.add(499 - i, ValueKind.TEXT, text, false);
			expected.add(0, (499 - i) + " TEXT " + text + " -");
		}

		row.seal(new ColumnOrder(500));

		assertThat(row.size()).isEqualTo(500);
		assertThat(values(row)).containsExactlyElementsOf(expected);
	}

	@Test
	void aValueLongerThanTwiceTheRowsRoomIsKeptWhole() {
		String note = "a long note, \"quoted\"\r\n".repeat(5_000);
		Row row = new Row();
		row.add(1, ValueKind.TEXT, "short", false);
		row.add(0, ValueKind.TEXT, note, false);

		row.seal(new ColumnOrder(2));

		assertThat(values(row)).containsExactly("0 TEXT " + note + " -", "1 TEXT short -");
	}

	@Test
	void appendingAValueAddsItsCharactersWithoutTheOthers() {
		Row row = new Row();
		row.add(0, ValueKind.TEXT, "a", false);
		row.add(1, ValueKind.TEXT, "bc", false);
		StringBuilder out = new StringBuilder("[");

		row.appendText(1, out);

		assertThat(out).hasToString("[bc");
	}

	private static List<String> values(Row row) {
		List<String> values = new ArrayList<>();
		for (int i = 0; i < row.size(); i++) {
			values.add(row.column(i) + " " + row.kind(i) + " " + row.text(i) + " " + (row.inArray(i) ? "[" : "-"));
		}
		return values;
	}

}
