package org.earthchem.export.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.Sha256;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TypedIndex;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** XLSX, JSON Lines and gzip files, read back with readers other than the writers. */
class FileFormatsExportTest extends IntegrationTest {

	private static final String SHORT = "set=short";

	@Test
	void xlsxHoldsEachValueAsATypedCellOfTheDocumentsValue() throws IOException {
		JsonNode task = export(ALL_KEY, "typed", SHORT + "&fileType=xlsx");
		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(task.path("files").get(0).path("name").asString()).endsWith(".xlsx");
		ResponseEntity<byte[]> file = download(ALL_KEY, task.path("taskId").asString(), 1);
		assertThat(header(file, "Content-Type"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
			assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
			assertThat(texts(sheet.getRow(0))).isEqualTo(TypedIndex.COLUMNS);
			assertThat(sheet.getLastRowNum()).isEqualTo(2);

			Row first = sheet.getRow(1);
			assertThat(cell(first, "collected").getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2021, 3, 4, 0, 0));
			assertThat(cell(first, "collected").getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
			assertThat(cell(first, "count").getCellType()).as("17 digits").isEqualTo(CellType.STRING);
			assertThat(cell(first, "count").getStringCellValue()).isEqualTo("12345678901234567");
			assertThat(cell(first, "flag").getCellType()).isEqualTo(CellType.BOOLEAN);
			assertThat(cell(first, "flag").getBooleanCellValue()).isTrue();
			assertThat(cell(first, "location.point").getStringCellValue()).isEqualTo("12.5,-45.25");
			assertThat(cell(first, "name").getCellType()).as("never a formula").isEqualTo(CellType.STRING);
			assertThat(cell(first, "name").getStringCellValue()).isEqualTo("=1+2");
			assertThat(cell(first, "notes")).as("a missing value is an empty cell").isNull();
			assertThat(cell(first, "sample_id").getStringCellValue()).isEqualTo("T-001");
			assertThat(cell(first, "value").getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(cell(first, "value").getNumericCellValue()).isEqualTo(-12.5);

			Row second = sheet.getRow(2);
			assertThat(cell(second, "collected").getLocalDateTimeCellValue())
				.isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 678_000_000));
			assertThat(cell(second, "count")).isNull();
			assertThat(cell(second, "flag").getBooleanCellValue()).isFalse();
			assertThat(cell(second, "location.point").getStringCellValue()).isEqualTo("10.0,20.0");
			assertThat(cell(second, "name").getStringCellValue()).isEqualTo("Unicode é ü 中文 🌋");
			assertThat(cell(second, "value").getNumericCellValue()).isEqualTo(45.2);
		}
	}

	@Test
	void aValueLongerThanASpreadsheetCellFailsTheXlsxExportWithCellTooLong() {
		JsonNode task = export(ALL_KEY, "typed", "set=long&fileType=xlsx");

		assertThat(task.path("status").asString()).isEqualTo("Failed");
		assertThat(task.path("error").path("code").asString()).isEqualTo("CELL_TOO_LONG");
		assertThat(task.path("error").path("message").asString()).contains("column notes has 40,000 characters");
		assertThat(task.path("attempts").asInt()).as("not retried").isEqualTo(1);
	}

	@Test
	void jsonLinesHoldTheObjectsOfTheJsonExportOneALine() {
		JsonNode array = this.json.readTree(exportedText(ALL_KEY, "typed", SHORT + "&fileType=json"));
		JsonNode task = export(ALL_KEY, "typed", SHORT + "&fileType=ndjson");
		ResponseEntity<byte[]> file = download(ALL_KEY, task.path("taskId").asString(), 1);
		String text = new String(file.getBody(), StandardCharsets.UTF_8);

		assertThat(task.path("files").get(0).path("name").asString()).endsWith(".ndjson");
		assertThat(header(file, "Content-Type")).isEqualTo("application/x-ndjson");
		assertThat(text).endsWith("}\n").doesNotContain("\r");
		List<String> lines = text.lines().toList();
		assertThat(lines).hasSize(array.size());
		for (int i = 0; i < lines.size(); i++) {
			assertThat(this.json.readTree(lines.get(i))).as("line %d", i + 1).isEqualTo(array.get(i));
		}
		assertThat(lines.get(0)).startsWith("{\"collected\":\"2021-03-04\",\"count\":12345678901234567,");
	}

	@Test
	void gzipStoresTheCompressedFileWithItsOwnSizeAndDigest() throws IOException {
		String csv = exportedText(ALL_KEY, "typed", SHORT + "&fileType=csv");
		JsonNode task = export(ALL_KEY, "typed", SHORT + "&fileType=csv&compression=gzip");
		ResponseEntity<byte[]> file = download(ALL_KEY, task.path("taskId").asString(), 1);
		JsonNode stored = task.path("files").get(0);

		assertThat(task.path("compression").asString()).isEqualTo("gzip");
		assertThat(stored.path("name").asString()).endsWith(".csv.gz");
		assertThat(header(file, "Content-Type")).isEqualTo("application/gzip");
		assertThat(stored.path("bytes").asLong()).isEqualTo(file.getBody().length);
		assertThat(stored.path("sha256").asString()).isEqualTo(Sha256.hex(file.getBody()));
		assertThat(stored.path("rows").asLong()).isEqualTo(2);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file.getBody()))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(csv);
		}
	}

	@Test
	void gzipWithXlsxIsABadRequestNamingCompression() {
		ResponseEntity<JsonNode> refused = requestExport(ALL_KEY, "typed", "fileType=xlsx&compression=gzip");

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody().path("errors").get(0).path("parameter").asString()).isEqualTo("compression");
	}

	private static List<String> texts(Row row) {
		return java.util.stream.IntStream.range(0, row.getLastCellNum())
			.mapToObj((c) -> row.getCell(c).getStringCellValue())
			.toList();
	}

	private static Cell cell(Row row, String column) {
		return row.getCell(TypedIndex.COLUMNS.indexOf(column));
	}

}
