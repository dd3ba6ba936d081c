package org.earthchem.export.job;

import java.util.ArrayList;
import java.util.List;

import org.earthchem.export.source.Column;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;
import org.earthchem.export.source.Compression;
import org.earthchem.export.source.FileType;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the prepare step decided and every later step (and every restart) follows: the point-in-time, the query,
 * the sort field, the format, the compression and the columns, fixed for the life of the export.
 */
record ExportPlan(String pitId, String index, String queryJson, String sortField, FileType fileType,
		Compression compression, ColumnSet columns, long totalRows) {

	private static final String PREFIX = "plan.";

	void saveTo(ExecutionContext context) {
		context.putString(PREFIX + "pitId", this.pitId);
		context.putString(PREFIX + "index", this.index);
		context.putString(PREFIX + "query", this.queryJson);
		context.putString(PREFIX + "sortField", this.sortField);
		context.putString(PREFIX + "fileType", this.fileType.name());
		context.putString(PREFIX + "compression", this.compression.name());
		context.putLong(PREFIX + "totalRows", this.totalRows);
		StringBuilder columns = new StringBuilder();
		for (Column column : this.columns.columns()) {
			columns.append(column.type().name()).append('\t').append(column.name()).append('\n');
		}
		context.putString(PREFIX + "columns", columns.toString());
	}

	/** Just the point-in-time, without decoding the columns. */
	static String pitId(ExecutionContext context) {
		return context.getString(PREFIX + "pitId");
	}

	static boolean isIn(ExecutionContext context) {
		return context.containsKey(PREFIX + "columns");
	}

	static ExportPlan from(ExecutionContext context) {
		List<Column> columns = new ArrayList<>();
		for (String line : context.getString(PREFIX + "columns").split("\n")) {
			if (!line.isEmpty()) {
				int tab = line.indexOf('\t');
				columns.add(new Column(line.substring(tab + 1), ColumnType.valueOf(line.substring(0, tab))));
			}
		}
		return new ExportPlan(context.getString(PREFIX + "pitId"), context.getString(PREFIX + "index"),
				context.getString(PREFIX + "query"), context.getString(PREFIX + "sortField"),
				FileType.valueOf(context.getString(PREFIX + "fileType")),
				// plans saved before compression existed have none
				Compression.valueOf(context.getString(PREFIX + "compression", Compression.NONE.name())),
				ColumnSet.of(columns),
				context.getLong(PREFIX + "totalRows"));
	}

	/** The same plan on a fresh point-in-time (a restart: the old one was closed when the failed run ended). */
	ExportPlan withPointInTime(String pitId) {
		return new ExportPlan(pitId, this.index, this.queryJson, this.sortField, this.fileType, this.compression,
				this.columns,
				this.totalRows);
	}

}
