package org.earthchem.export.job;

import java.io.OutputStream;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.source.ColumnSet;

/**
 * A JSON array of row objects through Jackson's streaming generator: keys in column order, missing values left
 * out, numbers as the exact text of the document, array values as JSON arrays. One row per line.
 */
final class JsonRowWriter implements RowFormat {

	private final JsonFactory factory;

	/** Column names escaped once per export, not once per cell. */
	private final SerializableString[] names;

	private JsonGenerator json;

	private long rows;

	JsonRowWriter(JsonFactory factory, ColumnSet columns) {
		this.factory = factory;
		this.names = columns.names().stream().map(SerializedString::new).toArray(SerializableString[]::new);
	}

	@Override
	public void begin(OutputStream out) {
		open(out);
		this.json.writeRaw('[');
		this.rows = 0;
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
		this.json.writeRaw(this.rows == 0 ? "\n" : ",\n");
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
					writeValue(row.kind(j), row.text(j));
				}
				this.json.writeEndArray();
			}
			else {
				writeValue(row.kind(i), row.text(i));
			}
			i = last + 1;
		}
		this.json.writeEndObject();
		this.rows++;
	}

	private void writeValue(ValueKind kind, String text) {
		switch (kind) {
			case NUMBER -> this.json.writeNumber(text);
			case BOOLEAN -> this.json.writeBoolean("true".equals(text));
			case TEXT, POINT -> this.json.writeString(text);
		}
	}

	@Override
	public void flush() {
		this.json.flush();
	}

	@Override
	public void end() {
		this.json.writeRaw(this.rows == 0 ? "]\n" : "\n]\n");
		this.json.flush();
	}

	@Override
	public String extension() {
		return "json";
	}

}
