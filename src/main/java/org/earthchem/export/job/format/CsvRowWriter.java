package org.earthchem.export.job.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.ValueKind;
import org.earthchem.export.source.ColumnSet;

/**
 * RFC 4180 CSV through FastCSV: CRLF line ends, every row as wide as the header, array values joined with
 * {@code "; "}, and text that a spreadsheet would run as a formula prefixed with {@code '}.
 */
public final class CsvRowWriter implements RowFormat {

	static final String ARRAY_SEPARATOR = "; ";

	private static final char SEPARATOR = ',';

	private final String[] header;

	private final boolean formulaGuard;

	private final StringBuilder joined = new StringBuilder();

	private CsvLineBuffer buffer;

	private CsvWriter csv;

	public CsvRowWriter(ColumnSet columns, boolean formulaGuard) {
		this.formulaGuard = formulaGuard;
		// column names come from a mapping someone else writes: guarded like any text
		this.header = columns.names().stream().map((name) -> cell(ValueKind.TEXT, name)).toArray(String[]::new);
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
		this.buffer = new CsvLineBuffer(new OutputStreamWriter(out, StandardCharsets.UTF_8), this.header.length, SEPARATOR);
		// unbuffered: FastCSV writes straight into the line buffer, between the separator runs written here
		this.csv = CsvWriter.builder()
			.fieldSeparator(SEPARATOR)
			.lineDelimiter(LineDelimiter.CRLF)
			.bufferSize(0)
			.autoFlush(false)
			.build(this.buffer);
	}

	/**
	 * A row of a few filled cells among thousands of columns: FastCSV writes (and quotes) the first field and every
	 * filled one; each run of empty fields between them is a run of separators, written here, so the bytes are those
	 * of FastCSV writing every field.
	 */
	@Override
	public void write(Row row) {
		CsvWriter.CsvWriterRecord record = this.csv.writeRecord();
		int columns = this.header.length;
		int next = 0;
		int size = row.size();
		int i = 0;
		try {
			while (i < size) {
				int column = row.column(i);
				int last = row.lastOfColumn(i);
				String text = (last == i) ? cell(row.kind(i), row.text(i)) : joinedCell(row, i, last);
				if (column > 0 && next == 0) {
					// the line's first field stays FastCSV's: it treats a first field apart (comment lines)
					record.writeField(null);
					next = 1;
				}
				this.buffer.separators(column - next);
				record.writeField(text);
				next = column + 1;
				i = last + 1;
			}
			if (columns > 0 && next == 0) {
				record.writeField(null);
				next = 1;
			}
			this.buffer.separators(columns - next);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		record.endRecord();
	}

	private String joinedCell(Row row, int first, int last) {
		StringBuilder text = this.joined;
		text.setLength(0);
		for (int i = first; i <= last; i++) {
			if (i > first) {
				text.append(ARRAY_SEPARATOR);
			}
			row.appendText(i, text);
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
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
