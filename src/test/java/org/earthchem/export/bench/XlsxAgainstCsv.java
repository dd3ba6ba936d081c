package org.earthchem.export.bench;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.parsers.SAXParserFactory;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Checks an XLSX export against the CSV export of the same rows, cell by cell, with Apache POI's streaming reader (no
 * code shared with the writer; any size): numbers by value, date cells as the date they stand for, booleans, texts
 * exactly (the CSV's formula guard allowed for), and in every row as many filled cells as the CSV has. Not part of
 * {@code make bench}; run on two files it stored, e.g. {@code java -cp <test classpath>
 * org.earthchem.export.bench.XlsxAgainstCsv export.xlsx export.csv}. Exits 1 on any mismatch.
 */
public final class XlsxAgainstCsv {

	private XlsxAgainstCsv() {
	}

	public static void main(String[] args) throws Exception {
		Iterator<CsvRecord> csv = CsvReader.builder()
			.ofCsvRecord(new InputStreamReader(new FileInputStream(args[1]), StandardCharsets.UTF_8))
			.iterator();
		Comparison comparison = new Comparison(csv);
		try (OPCPackage xlsx = OPCPackage.open(new File(args[0]), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(xlsx);
			SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
			factory.setNamespaceAware(true);
			XMLReader parser = factory.newSAXParser().getXMLReader();
			parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(),
					new ReadOnlySharedStringsTable(xlsx), comparison, new RawNumbers(), false));
			try (InputStream sheet = reader.getSheetsData().next()) {
				parser.parse(new InputSource(sheet));
			}
		}
		System.out.println(comparison.summary());
		System.exit(comparison.mismatches() == 0 ? 0 : 1);
	}

	/** Numbers as the value the cell holds, not as a display format would show them. */
	private static final class RawNumbers extends DataFormatter {

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			return String.valueOf(value);
		}

	}

	private static final class Comparison implements XSSFSheetXMLHandler.SheetContentsHandler {

		private static final LocalDateTime EXCEL_EPOCH = LocalDate.of(1899, 12, 30).atStartOfDay();

		private final Iterator<CsvRecord> csv;

		private final List<String> problems = new ArrayList<>();

		private List<String> expected;

		private int row;

		private int filled;

		private long rows;

		private long cells;

		private long mismatches;

		Comparison(Iterator<CsvRecord> csv) {
			this.csv = csv;
		}

		@Override
		public void startRow(int rowNumber) {
			this.row = rowNumber;
			this.filled = 0;
			this.expected = this.csv.next().getFields();
			this.rows++;
		}

		@Override
		public void endRow(int rowNumber) {
			long inCsv = this.expected.stream().filter((field) -> !field.isEmpty()).count();
			if (inCsv != this.filled) {
				problem("row " + (rowNumber + 1) + ": " + this.filled + " cells, the CSV has " + inCsv);
			}
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			String want = this.expected.get(new CellReference(reference).getCol());
			this.cells++;
			if (!value.isEmpty()) {
				this.filled++;
			}
			if (!same(value, want)) {
				problem(reference + ": [" + value + "], the CSV has [" + want + "]");
			}
		}

		private boolean same(String value, String want) {
			if (value.equals(want) || (this.row > 0 && want.startsWith("'") && value.equals(want.substring(1)))) {
				return true;
			}
			if ("true".equals(want) || "false".equals(want)) {
				return value.equalsIgnoreCase(want);
			}
			if (want.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
				return sameDate(value, want);
			}
			try {
				return new BigDecimal(value).compareTo(new BigDecimal(want)) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}

		private static boolean sameDate(String serial, String want) {
			try {
				LocalDateTime cell = EXCEL_EPOCH.plusSeconds(Math.round(Double.parseDouble(serial) * 86400));
				LocalDateTime date = (want.length() == 10) ? LocalDate.parse(want).atStartOfDay()
						: OffsetDateTime.parse(want).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
				return Math.abs(Duration.between(cell, date).toMillis()) < 1000;
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

		private void problem(String text) {
			this.mismatches++;
			if (this.problems.size() < 20) {
				this.problems.add(text);
			}
		}

		long mismatches() {
			return this.mismatches;
		}

		String summary() {
			return this.rows + " rows, " + this.cells + " cells compared, " + this.mismatches + " mismatches"
					+ (this.problems.isEmpty() ? "" : "\n" + String.join("\n", this.problems));
		}

		@Override
		public void headerFooter(String text, boolean isHeader, String tagName) {
		}

	}

}
