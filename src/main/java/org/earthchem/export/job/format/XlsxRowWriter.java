package org.earthchem.export.job.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.ValueKind;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

/**
 * An Excel workbook through fastexcel's streaming writer: one sheet, the header row frozen, the columns of CSV. Numbers
 * are numeric cells holding the document's text (integers of more than 15 digits, which a spreadsheet would round,
 * are text), booleans boolean cells, ISO values of {@code date} fields date cells, all else inline text, never a
 * formula. Each row leaves memory as it is written. A workbook is a zip whose end lists what came before, so a file
 * cannot be continued after a restart: it is written again from its first row ({@link #continuesMidFile()}).
 */
public final class XlsxRowWriter implements RowFormat {

	static final String SHEET = "export";

	private static final String DATE_FORMAT = "yyyy-mm-dd";

	private static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss.000";

	private final ColumnSet columns;

	private final StringBuilder joined = new StringBuilder();

	private Workbook workbook;

	private Worksheet sheet;

	private int nextRow;

	private String sortValues;

	public XlsxRowWriter(ColumnSet columns) {
		this.columns = columns;
	}

	@Override
	public void begin(OutputStream out) {
		this.workbook = new Workbook(out, "EarthChem export service", null);
		this.sheet = this.workbook.newWorksheet(SHEET);
		this.sheet.freezePane(0, 1);
		for (int c = 0; c < this.columns.size(); c++) {
			text(0, c, this.columns.get(c).name());
		}
		this.nextRow = 1;
	}

	@Override
	public void resume(OutputStream out, long rows) {
		throw new IllegalStateException("an XLSX file is written whole; a restart writes it again from its first row");
	}

	@Override
	public boolean continuesMidFile() {
		return false;
	}

	@Override
	public void write(Row row) {
		this.sortValues = row.sortValues();
		int r = this.nextRow++;
		int size = row.size();
		int i = 0;
		while (i < size) {
			int column = row.column(i);
			int last = row.lastOfColumn(i);
			if (last == i) {
				cell(r, column, row.kind(i), row.text(i));
			}
			else {
				text(r, column, joined(row, i, last));
			}
			i = last + 1;
		}
	}

	private void cell(int r, int c, ValueKind kind, String text) {
		switch (kind) {
			case NUMBER -> {
				if (SpreadsheetValues.isNumericCell(text)) {
					this.sheet.value(r, c, new ExactNumber(text));
				}
				else {
					text(r, c, text);
				}
			}
			case BOOLEAN -> this.sheet.value(r, c, Boolean.valueOf("true".equals(text)));
			case TEXT -> {
				Object date = (this.columns.get(c).type() == ColumnType.DATE) ? SpreadsheetValues.date(text) : null;
				if (date instanceof LocalDate day) {
					this.sheet.value(r, c, day);
					this.sheet.style(r, c).format(DATE_FORMAT).set();
				}
				else if (date instanceof LocalDateTime time) {
					this.sheet.value(r, c, time);
					this.sheet.style(r, c).format(DATE_TIME_FORMAT).set();
				}
				else {
					text(r, c, text);
				}
			}
			case POINT -> text(r, c, text);
		}
	}

	private void text(int r, int c, String text) {
		if (text.length() > SpreadsheetText.MAX_CELL_LENGTH) {
			throw new CellTooLongException(this.columns.get(c).name(), text.length(), this.sortValues);
		}
		this.sheet.inlineString(r, c, SpreadsheetText.encode(text));
	}

	private String joined(Row row, int first, int last) {
		StringBuilder text = this.joined;
		text.setLength(0);
		for (int i = first; i <= last; i++) {
			if (i > first) {
				text.append(CsvRowWriter.ARRAY_SEPARATOR);
			}
			row.appendText(i, text);
		}
		return text.toString();
	}

	/** Writes the rows so far into the stream: none stays in memory. */
	@Override
	public void flush() {
		try {
			this.sheet.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void end() {
		try {
			this.workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.workbook = null;
		this.sheet = null;
	}

	@Override
	public String extension() {
		return "xlsx";
	}

}
