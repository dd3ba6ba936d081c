package org.earthchem.export.job.format;

import org.junit.jupiter.api.Test;

import org.earthchem.export.job.row.Rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earthchem.export.job.row.Rows.COLUMNS;
import static org.earthchem.export.job.row.Rows.FACTORY;

class JsonRowWriterTest {

	private static String json(String... documents) {
		return Rows.write(new JsonRowWriter(FACTORY, COLUMNS), documents);
	}

	private static String ndjson(String... documents) {
		return Rows.write(new JsonRowWriter(FACTORY, COLUMNS, true), documents);
	}

	@Test
	void jsonLinesAreTheSameObjectsOneALineWithoutAnArray() {
		assertThat(ndjson("{\"value\": 45.20, \"sample_id\": \"S-1\"}", "{\"tags\": [\"a\"], \"name\": \"x\\ny\"}"))
			.isEqualTo("{\"sample_id\":\"S-1\",\"value\":45.20}\n{\"name\":\"x\\ny\",\"tags\":[\"a\"]}\n");
	}

	@Test
	void noRowsIsAnEmptyJsonLinesFile() {
		assertThat(ndjson()).isEmpty();
	}

	@Test
	void noRowsIsAnEmptyArray() {
		assertThat(json()).isEqualTo("[]\n");
	}

	@Test
	void rowsAreObjectsOfOneArrayOnePerLine() {
		assertThat(json("{\"sample_id\": \"S-1\"}", "{\"sample_id\": \"S-2\"}", "{\"sample_id\": \"S-3\"}"))
			.isEqualTo("[\n{\"sample_id\":\"S-1\"},\n{\"sample_id\":\"S-2\"},\n{\"sample_id\":\"S-3\"}\n]\n");
	}

	@Test
	void keysFollowColumnOrderAndMissingValuesAreLeftOut() {
		assertThat(json("{\"value\": 1, \"sample_id\": \"S-1\", \"name\": null, \"count\": 2}"))
			.isEqualTo("[\n{\"count\":2,\"sample_id\":\"S-1\",\"value\":1}\n]\n");
	}

	@Test
	void numbersAreWrittenWithTheExactTextOfTheDocument() {
		assertThat(json("{\"count\": 12345678901234567890123, \"value\": 45.20}", "{\"value\": 1.5e-7}",
				"{\"value\": -0.0}", "{\"value\": 2.31E+3}"))
			.isEqualTo("[\n{\"count\":12345678901234567890123,\"value\":45.20},\n{\"value\":1.5e-7},\n{\"value\":-0.0},\n"
					+ "{\"value\":2.31E+3}\n]\n");
	}

	@Test
	void booleansAreJsonBooleansAndGeoPointsAreLatLonStrings() {
		assertThat(json("{\"flag\": false, \"location\": {\"point\": [30.5, -10.25]}}"))
			.isEqualTo("[\n{\"flag\":false,\"location.point\":\"-10.25,30.5\"}\n]\n");
	}

	@Test
	void aStringInANumericFieldStaysAString() {
		assertThat(json("{\"value\": \"n/a\"}")).isEqualTo("[\n{\"value\":\"n/a\"}\n]\n");
	}

	@Test
	void arrayValuesAreJsonArraysEvenWithOneElement() {
		assertThat(json("{\"tags\": [\"single\"], \"measurements\": [{\"analyte\": \"SiO2\", \"value\": 50.10},"
				+ " {\"analyte\": \"MgO\", \"value\": 7.0}]}"))
			.isEqualTo("[\n{\"measurements.analyte\":[\"SiO2\",\"MgO\"],\"measurements.value\":[50.10,7.0],"
					+ "\"tags\":[\"single\"]}\n]\n");
	}

	@Test
	void textIsEscapedAndNeverFormulaGuarded() {
		assertThat(json("{\"name\": \"=1+2\", \"note\": \"He said \\\"hi\\\"\\nbye\\t\", \"sample_id\": \"中文 🌋\"}"))
			.isEqualTo("[\n{\"name\":\"=1+2\",\"note\":\"He said \\\"hi\\\"\\nbye\\t\",\"sample_id\":\"中文 🌋\"}\n]\n");
	}

	@Test
	void anObjectWhereTheMappingHasALeafIsAStringOfCompactJson() {
		assertThat(json("{\"note\": {\"a\": 1.50}}")).isEqualTo("[\n{\"note\":\"{\\\"a\\\":1.50}\"}\n]\n");
	}

}
