package org.earthchem.export.job.row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.source.Column;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public class RowFlattenerTest {

	private static final ColumnSet COLUMNS = Rows.COLUMNS;

	/** One value of a row as the writers see it. */
	record Value(String column, ValueKind kind, String text, boolean inArray) {

		static Value of(String column, ValueKind kind, String text) {
			return new Value(column, kind, text, false);
		}

		static Value inArray(String column, ValueKind kind, String text) {
			return new Value(column, kind, text, true);
		}

	}

	static List<Value> values(ColumnSet columns, String json) {
		Row row = Rows.flatten(columns, json);
		List<Value> values = new ArrayList<>();
		for (int i = 0; i < row.size(); i++) {
			values.add(new Value(columns.get(row.column(i)).name(), row.kind(i), row.text(i), row.inArray(i)));
		}
		return values;
	}

	static List<Value> values(String json) {
		return values(COLUMNS, json);
	}

	@Test
	void objectWhereTheMappingHasALeafBecomesCompactJsonTextWithNumbersVerbatim() {
		assertThat(values("{\"note\": {\"a\": 1.50, \"b\": [2e3, -0.0], \"c\": \"x \\\"y\\\"\", \"d\": null, \"e\": true}}"))
			.containsExactly(Value.of("note", ValueKind.TEXT, "{\"a\":1.50,\"b\":[2e3,-0.0],\"c\":\"x \\\"y\\\"\",\"d\":null,\"e\":true}"));
	}

	@Test
	void fieldNamesOfEveryLengthEscapedOrNotAsciiFindTheirColumnsAndOthersAreSkipped() {
		ColumnSet columns = ColumnSet.of(List.of(new Column("a", ColumnType.KEYWORD),
				new Column("abcdefghijkl", ColumnType.KEYWORD), new Column("abcdefghijklm.nopqrstuvwxyz_0123456789",
						ColumnType.NUMBER), new Column("größe.µm", ColumnType.NUMBER),
				new Column("日本語", ColumnType.TEXT)));
		String json = "{\"ab\": 0, \"a\": \"1\", \"abcdefghijk\": 0, \"abcdefghijkl\": \"2\", \"abcdefghijklmn\": {\"x\": 0},"
				+ " \"abcdefghijklm\": {\"nopqrstuvwxyz_0123456789\": 3, \"nopqrstuvwxyz_012345678\": 0},"
				+ " \"gr\\u00f6\\u00dfe\": {\"\u00b5m\": 4.0}, \"日本語\": \"五\", \"日本\": \"no\"}";

		assertThat(values(columns, json)).containsExactly(Value.of("a", ValueKind.TEXT, "1"),
				Value.of("abcdefghijkl", ValueKind.TEXT, "2"),
				Value.of("abcdefghijklm.nopqrstuvwxyz_0123456789", ValueKind.NUMBER, "3"),
				Value.of("größe.µm", ValueKind.NUMBER, "4.0"), Value.of("日本語", ValueKind.TEXT, "五"));
	}

	@Test
	void numbersKeepTheExactTextOfTheDocument() {
		assertThat(values("{\"count\": 12345678901234567890123, \"value\": 45.20}")).containsExactly(
				Value.of("count", ValueKind.NUMBER, "12345678901234567890123"), Value.of("value", ValueKind.NUMBER, "45.20"));
		assertThat(values("{\"value\": 1.5e-7}")).containsExactly(Value.of("value", ValueKind.NUMBER, "1.5e-7"));
		assertThat(values("{\"value\": 2.31E+3}")).containsExactly(Value.of("value", ValueKind.NUMBER, "2.31E+3"));
		assertThat(values("{\"value\": -0.0}")).containsExactly(Value.of("value", ValueKind.NUMBER, "-0.0"));
	}

	@Test
	void aStringInANumericFieldIsText() {
		assertThat(values("{\"value\": \"n/a\"}")).containsExactly(Value.of("value", ValueKind.TEXT, "n/a"));
	}

	@Test
	void booleansAreBooleanValues() {
		assertThat(values("{\"flag\": false}")).containsExactly(Value.of("flag", ValueKind.BOOLEAN, "false"));
		assertThat(values("{\"flag\": true}")).containsExactly(Value.of("flag", ValueKind.BOOLEAN, "true"));
	}

	@Test
	void valuesFromAnArrayOfObjectsAreGatheredPerLeafPathInDocumentOrder() {
		assertThat(values("{\"measurements\": [{\"analyte\": \"SiO2\", \"value\": 50.10}, {\"analyte\": \"MgO\"},"
				+ " {\"value\": 7.0, \"analyte\": \"FeO\"}]}"))
			.containsExactly(Value.inArray("measurements.analyte", ValueKind.TEXT, "SiO2"),
					Value.inArray("measurements.analyte", ValueKind.TEXT, "MgO"),
					Value.inArray("measurements.analyte", ValueKind.TEXT, "FeO"),
					Value.inArray("measurements.value", ValueKind.NUMBER, "50.10"),
					Value.inArray("measurements.value", ValueKind.NUMBER, "7.0"));
	}

	@Test
	void aValueFromAnArrayIsMarkedAsSuchEvenWhenItIsTheOnlyOne() {
		assertThat(values("{\"tags\": [\"single\"], \"name\": \"plain\"}")).containsExactly(
				Value.of("name", ValueKind.TEXT, "plain"), Value.inArray("tags", ValueKind.TEXT, "single"));
	}

	@Test
	void nullIsAMissingValue() {
		assertThat(values("{\"value\": null, \"name\": null, \"location\": {\"point\": null}, \"tags\": [null, \"a\"],"
				+ " \"measurements\": null, \"sample_id\": \"S-1\"}"))
			.containsExactly(Value.of("sample_id", ValueKind.TEXT, "S-1"), Value.inArray("tags", ValueKind.TEXT, "a"));
	}

	@Test
	void fieldsTheColumnsDoNotHaveAreIgnored() {
		assertThat(values("{\"extra\": {\"deep\": [1, {\"x\": 2}]}, \"location\": {\"unknown\": 1, \"point\": \"1,2\"},"
				+ " \"measurements\": [{\"unit\": \"wt%\"}], \"sample_id\": \"S-1\", \"more\": [\"a\"]}"))
			.containsExactly(Value.of("location.point", ValueKind.POINT, "1,2"),
					Value.of("sample_id", ValueKind.TEXT, "S-1"));
	}

	@Test
	void fieldsLeftOutOfTheColumnSelectionAreIgnored() {
		ColumnSet onlyValues = ColumnSet.of(List.of(new Column("measurements.value", ColumnType.NUMBER)));

		assertThat(values(onlyValues, "{\"sample_id\": \"S-1\", \"measurements\": [{\"analyte\": \"SiO2\", \"value\": 50.10}]}"))
			.containsExactly(Value.inArray("measurements.value", ValueKind.NUMBER, "50.10"));
	}

	@Test
	void valuesComeOutInColumnOrderWhateverTheDocumentOrder() {
		assertThat(values("{\"value\": 1, \"sample_id\": \"S-1\", \"count\": 2}")).containsExactly(
				Value.of("count", ValueKind.NUMBER, "2"), Value.of("sample_id", ValueKind.TEXT, "S-1"),
				Value.of("value", ValueKind.NUMBER, "1"));
	}

	@Test
	void nestedArraysAreFlattenedInOrder() {
		assertThat(values("{\"tags\": [[\"a\", \"b\"], [], [[\"c\"]]]}")).containsExactly(
				Value.inArray("tags", ValueKind.TEXT, "a"), Value.inArray("tags", ValueKind.TEXT, "b"),
				Value.inArray("tags", ValueKind.TEXT, "c"));
	}

	@Test
	void nestedArraysOfObjectsAreFlattenedInOrder() {
		assertThat(values("{\"measurements\": [[{\"analyte\": \"a\"}], [{\"analyte\": \"b\"}, {\"analyte\": \"c\"}]]}"))
			.containsExactly(Value.inArray("measurements.analyte", ValueKind.TEXT, "a"),
					Value.inArray("measurements.analyte", ValueKind.TEXT, "b"),
					Value.inArray("measurements.analyte", ValueKind.TEXT, "c"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"lat": 12.5, "lon": -45.25}                             | 12.5,-45.25
			{"lon": -45.25, "lat": 12.5}                             | 12.5,-45.25
			{"lat": 12.50, "lon": -45.250}                           | 12.50,-45.250
			"12.5,-45.25"                                            | 12.5,-45.25
			"12.5, -45.25"                                           | 12.5,-45.25
			[-45.25, 12.5]                                           | 12.5,-45.25
			"POINT (-45.25 12.5)"                                    | 12.5,-45.25
			{"type": "Point", "coordinates": [-45.25, 12.5]}         | 12.5,-45.25
			""")
	void aGeoPointIsWrittenLatLonWhateverItsForm(String point, String expected) {
		assertThat(values("{\"location\": {\"point\": " + point + "}}"))
			.containsExactly(Value.of("location.point", ValueKind.POINT, expected));
	}

	@Test
	void aPointTextStartingWithPointButNoCoordinatesIsKeptAsText() {
		assertThat(values(COLUMNS, "{\"location\": {\"point\": \"point\"}}")).extracting(Value::text)
			.containsExactly("point");
	}

	@Test
	void aGeohashGeoPointIsWrittenAsTheLatLonOfItsCellCentre() {
		List<Value> values = values("{\"location\": {\"point\": \"u4pruydqqvj\"}}");

		assertThat(values).hasSize(1);
		assertThat(values.get(0).kind()).isEqualTo(ValueKind.POINT);
		String[] latLon = values.get(0).text().split(",");
		assertThat(Double.parseDouble(latLon[0])).isCloseTo(57.64911, within(0.0001));
		assertThat(Double.parseDouble(latLon[1])).isCloseTo(10.40744, within(0.0001));
	}

	@Test
	void anArrayOfGeoPointsGivesOnePointPerElementInItsOwnForm() {
		assertThat(values("{\"location\": {\"point\": [{\"lat\": 1.5, \"lon\": 2.5}, \"3.5,4.5\", [6.5, 5.5], \"POINT (8.5 7.5)\"]}}"))
			.containsExactly(Value.inArray("location.point", ValueKind.POINT, "1.5,2.5"),
					Value.inArray("location.point", ValueKind.POINT, "3.5,4.5"),
					Value.inArray("location.point", ValueKind.POINT, "5.5,6.5"),
					Value.inArray("location.point", ValueKind.POINT, "7.5,8.5"));
	}

	@Test
	void anEmptyDocumentGivesAnEmptyRow() {
		assertThat(values("{}")).isEmpty();
	}

}
