package org.earthchem.export.job;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import org.earthchem.export.source.ColumnSet;

/**
 * RFC 4180 CSV through FastCSV: CRLF line ends, every row as wide as the header, array values joined with
 * {@code "; "}, and text that a spreadsheet would run as a formula prefixed with {@code '}.
 */
final class CsvRowWriter implements RowFormat {

	static final String ARRAY_SEPARATOR = "; ";

	private final String[] header;

	private final boolean formulaGuard;

	/** Reused for every row: null is an empty field, so only the filled cells are touched. */
	private final String[] cells;

	private final StringBuilder joined = new StringBuilder();

	private CsvWriter csv;

	CsvRowWriter(ColumnSet columns, boolean formulaGuard) {
		this.formulaGuard = formulaGuard;
		// column names come from a mapping someone else writes: guarded like any text
		this.header = columns.names().stream().map((name) -> cell(ValueKind.TEXT, name)).toArray(String[]::new);
		this.cells = new String[this.header.length];
	}

	@Override
	public void begin(OutputStream out) {
		open(out);
		this.csv.writeRecord(this.header);
	}

	@Override
	public void resume(OutputStream out, long rows) {
		open(out);
	}

	private void open(OutputStream out) {
		this.csv = CsvWriter.builder()
			.lineDelimiter(LineDelimiter.CRLF)
			.bufferSize(64 * 1024)
			.autoFlush(false)
			.build(out, StandardCharsets.UTF_8);
	}

	@Override
	public void write(Row row) {
		int size = row.size();
		int i = 0;
		while (i < size) {
			int column = row.column(i);
			int last = i;
			while (last + 1 < size && row.column(last + 1) == column) {
				last++;
			}
			this.cells[column] = (last == i) ? cell(row.kind(i), row.text(i)) : joinedCell(row, i, last);
			i = last + 1;
		}
		this.csv.writeRecord(this.cells);
		for (int j = 0; j < size; j++) {
			this.cells[row.column(j)] = null;
		}
	}

	private String joinedCell(Row row, int first, int last) {
		StringBuilder text = this.joined;
		text.setLength(0);
		for (int i = first; i <= last; i++) {
			if (i > first) {
				text.append(ARRAY_SEPARATOR);
			}
			text.append(row.text(i));
		}
		// several values in one cell are text to a spreadsheet, whatever they are
		return cell(ValueKind.TEXT, text.toString());
	}

	/** A cell as written: anything but a single number or boolean is guarded when it could start a formula. */
	private String cell(ValueKind kind, String text) {
		if (this.formulaGuard && kind != ValueKind.NUMBER && kind != ValueKind.BOOLEAN
				&& FormulaGuard.needsGuard(text)) {
			return FormulaGuard.guard(text);
		}
		return text;
	}

	@Override
	public void flush() {
		try {
			this.csv.flush();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Override
	public void end() {
		flush();
	}

	@Override
	public String extension() {
		return "csv";
	}

}
