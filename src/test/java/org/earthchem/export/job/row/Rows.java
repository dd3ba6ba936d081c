package org.earthchem.export.job.row;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.format.RowFormat;
import org.earthchem.export.source.Column;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

/** Rows for the unit tests of the row pipeline: a small column set of every type, documents flattened and written. */
public final class Rows {

	public static final JsonFactory FACTORY = JsonFactory.builder().rootValueSeparator((String) null).build();

	public static final ColumnSet COLUMNS = ColumnSet.of(List.of(new Column("count", ColumnType.NUMBER),
			new Column("flag", ColumnType.BOOLEAN), new Column("location.point", ColumnType.GEO_POINT),
			new Column("measurements.analyte", ColumnType.KEYWORD), new Column("measurements.value", ColumnType.NUMBER),
			new Column("name", ColumnType.TEXT), new Column("note", ColumnType.TEXT),
			new Column("sample_id", ColumnType.KEYWORD), new Column("tags", ColumnType.KEYWORD),
			new Column("value", ColumnType.NUMBER)));

	private Rows() {
	}

	public static Row flatten(ColumnSet columns, String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return new RowFlattener(FACTORY, columns).flatten(bytes);
	}

	/** The text a format writes for these documents, flattened with {@link #COLUMNS}. */
	public static String write(RowFormat format, String... documents) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		format.begin(out);
		for (String document : documents) {
			format.write(flatten(COLUMNS, document));
		}
		format.end();
		return out.toString(StandardCharsets.UTF_8);
	}

}
