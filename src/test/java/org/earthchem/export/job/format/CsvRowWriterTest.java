package org.earthchem.export.job.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.junit.jupiter.api.Test;

import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.Rows;
import org.earthchem.export.job.row.ValueKind;
import org.earthchem.export.source.Column;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earthchem.export.job.row.Rows.COLUMNS;

class CsvRowWriterTest {

	private static final String HEADER = "count,flag,location.point,measurements.analyte,measurements.value,name,note,sample_id,tags,value\r\n";

	private static String csv(boolean formulaGuard, String... documents) {
		return Rows.write(new CsvRowWriter(COLUMNS, formulaGuard), documents);
	}

	@Test
	void noRowsIsTheHeaderLineAlone() {
		assertThat(csv(true)).isEqualTo(HEADER);
	}

	@Test
	void everyRowIsAsWideAsTheHeaderWithEmptyFieldsForMissingValues() {
		assertThat(csv(true, "{\"sample_id\": \"S-1\"}", "{\"count\": 7, \"value\": 1}"))
			.isEqualTo(HEADER + ",,,,,,,S-1,,\r\n" + "7,,,,,,,,,1\r\n");
	}

	@Test
	void valuesAreQuotedAsRfc4180SaysWithCrlfLineEnds() {
		assertThat(csv(true, "{\"name\": \"Comma, inside\", \"note\": \"He said \\\"hi\\\"\", \"sample_id\": \"Line1\\nLine2\"}"))
			.isEqualTo(HEADER + ",,,,,\"Comma, inside\",\"He said \"\"hi\"\"\",\"Line1\nLine2\",,\r\n");
	}

	@Test
	void numbersAndBooleansAreWrittenVerbatimAndAPointAsGuardedLatCommaLon() {
		assertThat(csv(true, "{\"count\": -3, \"flag\": false, \"location\": {\"point\": {\"lat\": -10.250, \"lon\": 30.5}},"
				+ " \"value\": 2.31E+3}"))
			.isEqualTo(HEADER + "-3,false,\"'-10.250,30.5\",,,,,,,2.31E+3\r\n");
	}

	@Test
	void aMalformedPointKeptByTheIndexIsGuardedLikeAnyText() {
		assertThat(csv(true, "{\"location\": {\"point\": \"=HYPERLINK(\\\"http://evil\\\"),0\"}}",
				"{\"location\": {\"point\": {\"lat\": \"=cmd|'/C calc'!A0\", \"lon\": \"1\"}}}"))
			.isEqualTo(HEADER + ",,\"'=HYPERLINK(\"\"http://evil\"\"),0\",,,,,,,\r\n" + ",,\"'=cmd|'/C calc'!A0,1\",,,,,,,\r\n");
	}

	@Test
	void columnNamesThatCouldStartAFormulaAreGuarded() {
		ColumnSet columns = ColumnSet.of(java.util.List.of(new Column("=evil", ColumnType.KEYWORD),
				new Column("plain", ColumnType.KEYWORD)));
		assertThat(Rows.write(new CsvRowWriter(columns, true))).isEqualTo("'=evil,plain\r\n");
	}

	@Test
	void arrayValuesAreJoinedWithSemicolonAndSpace() {
		assertThat(csv(true, "{\"tags\": [\"a\", \"b\", \"c, d\"], \"measurements\": [{\"analyte\": \"SiO2\", \"value\": 50.10},"
				+ " {\"analyte\": \"MgO\", \"value\": 7.0}]}"))
			.isEqualTo(HEADER + ",,,SiO2; MgO,50.10; 7.0,,,,\"a; b; c, d\",\r\n");
	}

	@Test
	void aSingleValueArrayIsWrittenAsTheValueAlone() {
		assertThat(csv(true, "{\"tags\": [\"single\"]}")).isEqualTo(HEADER + ",,,,,,,,single,\r\n");
	}

	@Test
	void withTheFormulaGuardTextStartingWithAFormulaTriggerGetsALeadingQuote() {
		assertThat(csv(true, "{\"name\": \"=1+2\", \"note\": \"+SUM(1,2)\", \"sample_id\": \"@risk\", \"tags\": \"-12 dredge\"}",
				"{\"name\": \"\\ttab start\", \"note\": \"\\rcr start\", \"sample_id\": \"plain = text\"}"))
			.isEqualTo(HEADER + ",,,,,'=1+2,\"'+SUM(1,2)\",'@risk,'-12 dredge,\r\n"
					+ ",,,,,'\ttab start,\"'\rcr start\",plain = text,,\r\n");
	}

	@Test
	void theFormulaGuardLeavesASingleNegativeNumberAloneAndGuardsPointsAndJoinedValues() {
		assertThat(csv(true, "{\"count\": -3, \"value\": -0.5, \"location\": {\"point\": \"-10.5,-20.5\"},"
				+ " \"measurements\": [{\"value\": -1}, {\"value\": -2}]}"))
			.isEqualTo(HEADER + "-3,,\"'-10.5,-20.5\",,'-1; -2,,,,,-0.5\r\n");
	}

	@Test
	void theFormulaGuardLooksAtTheStartOfAJoinedArrayCell() {
		assertThat(csv(true, "{\"tags\": [\"=a\", \"b\"]}")).isEqualTo(HEADER + ",,,,,,,,'=a; b,\r\n");
	}

	@Test
	void aStringInANumericFieldIsGuardedLikeAnyText() {
		assertThat(csv(true, "{\"value\": \"-n/a\"}")).isEqualTo(HEADER + ",,,,,,,,,'-n/a\r\n");
	}

	@Test
	void withoutTheFormulaGuardTextIsWrittenAsItIs() {
		assertThat(csv(false, "{\"name\": \"=1+2\", \"note\": \"+SUM(1,2)\", \"sample_id\": \"@risk\", \"tags\": [\"-a\", \"b\"]}"))
			.isEqualTo(HEADER + ",,,,,=1+2,\"+SUM(1,2)\",@risk,-a; b,\r\n");
	}

	@Test
	void anObjectWhereTheMappingHasALeafIsWrittenAsQuotedCompactJson() {
		assertThat(csv(true, "{\"note\": {\"a\": 1.50, \"b\": \"x\"}}"))
			.isEqualTo(HEADER + ",,,,,,\"{\"\"a\"\":1.50,\"\"b\"\":\"\"x\"\"}\",,,\r\n");
	}

	@Test
	void sparseRowsAreTheBytesFastCsvWritesForEveryFieldOfTheRow() throws Exception {
		List<Column> names = new ArrayList<>();
		for (int c = 0; c < 40; c++) {
			names.add(new Column("c" + c, ColumnType.KEYWORD));
		}
		String[] texts = { "plain", "#first", "a,b", "say \"hi\"", "two\r\nlines", "", "ünïcödé", "12.50" };
		Random random = new Random(42);
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		CsvWriter everyField = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(expected, StandardCharsets.UTF_8);
		everyField.writeRecord(names.stream().map(Column::name).toList());
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		CsvRowWriter writer = new CsvRowWriter(ColumnSet.of(names), false);
		writer.begin(written);
		for (int r = 0; r < 500; r++) {
			String[] fields = new String[names.size()];
			Row row = new Row();
			for (int c = 0; c < names.size(); c++) {
				if (random.nextInt(r % 3 == 0 ? 2 : 10) == 0) {
					fields[c] = texts[random.nextInt(texts.length)];
					row.add(c, ValueKind.TEXT, fields[c], false);
				}
			}
			everyField.writeRecord(fields);
			writer.write(row);
		}
		writer.end();
		everyField.flush();
		assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
	}

}
