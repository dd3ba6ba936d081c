package org.earthchem.export.job.format;

import java.io.OutputStream;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.row.Row;
import org.earthchem.export.source.ColumnSet;

/**
 * A JSON array of row objects through Jackson's streaming generator: keys in column order, missing values left
 * out, numbers as the exact text of the document, array values as JSON arrays. One row per line. As JSON Lines
 * ({@code ndjson}), the same objects each end with {@code \n}, without the enclosing array.
 */
public final class JsonRowWriter implements RowFormat {

	private final JsonFactory factory;

	/** Column names escaped once per export, not once per cell. */
	private final SerializableString[] names;

	/** JSON Lines rather than one array. */
	private final boolean lines;

	private JsonGenerator json;

	private long rows;

	public JsonRowWriter(JsonFactory factory, ColumnSet columns) {
		this(factory, columns, false);
	}

	/** @param lines write JSON Lines: one object a line, no array */
	public JsonRowWriter(JsonFactory factory, ColumnSet columns, boolean lines) {
		this.factory = factory;
		this.lines = lines;
		this.names = columns.names().stream().map(SerializedString::new).toArray(SerializableString[]::new);
	}

	@Override
	public void begin(OutputStream out) {
		open(out);
		if (this.lines) {
			// an empty file is still a stream to its reader: with gzip, an empty member rather than no byte
			writeNothing(out);
		}
		else {
			this.json.writeRaw('[');
		}
		this.rows = 0;
	}

	private static void writeNothing(OutputStream out) {
		try {
			out.write(new byte[0], 0, 0);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Override
	public void resume(OutputStream out, long rows) {
		open(out);
		this.rows = rows;
	}

	private void open(OutputStream out) {
		this.json = this.factory.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
	}

	@Override
	public void write(Row row) {
		// rows are separate root values to the generator; the array's punctuation is ours
		if (!this.lines) {
			this.json.writeRaw(this.rows == 0 ? "\n" : ",\n");
		}
		this.json.writeStartObject();
		int size = row.size();
		int i = 0;
		while (i < size) {
			int column = row.column(i);
			this.json.writeName(this.names[column]);
			int last = i;
			while (last + 1 < size && row.column(last + 1) == column) {
				last++;
			}
			if (row.inArray(i) || last > i) {
				this.json.writeStartArray();
				for (int j = i; j <= last; j++) {
					writeValue(row, j);
				}
				this.json.writeEndArray();
			}
			else {
				writeValue(row, i);
			}
			i = last + 1;
		}
		this.json.writeEndObject();
		if (this.lines) {
			this.json.writeRaw('\n');
		}
		this.rows++;
	}

	/** Value {@code i} of the row, from the row's characters (no string made for it). */
	private void writeValue(Row row, int i) {
		char[] chars = row.chars();
		int start = row.start(i);
		int length = row.length(i);
		switch (row.kind(i)) {
			case NUMBER -> this.json.writeNumber(chars, start, length);
			// the flattener keeps a boolean as the text true or false
			case BOOLEAN -> this.json.writeBoolean(chars[start] == 't');
			case TEXT, POINT -> this.json.writeString(chars, start, length);
		}
	}

	@Override
	public void flush() {
		this.json.flush();
	}

	@Override
	public void end() {
		if (!this.lines) {
			this.json.writeRaw(this.rows == 0 ? "]\n" : "\n]\n");
		}
		this.json.flush();
	}

	@Override
	public String extension() {
		return this.lines ? "ndjson" : "json";
	}

}
