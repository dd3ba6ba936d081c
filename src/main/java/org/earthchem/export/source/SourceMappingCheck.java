package org.earthchem.export.source;

import java.util.List;
import java.util.Optional;

/**
 * Checks a source against the live mapping of its index: every field it names is a leaf, of a type its use needs;
 * the sort field and the text fields are not below a {@code nested} field (parameters may be: they become
 * {@code nested} queries).
 */
final class SourceMappingCheck {

	private SourceMappingCheck() {
	}

	/** Throws SourceDefinitionException listing every problem of the source with this mapping. */
	static void check(SourceDefinition source, IndexMapping mapping) {
		SourceProblems problems = new SourceProblems(source.file());
		Field fields = new Field(source.index(), mapping, problems);
		fields.leaf("sortField", source.sortField()).ifPresent((column) -> {
			// search_after needs a total order: a keyword is sortable and, being the sample id, unique
			if (column.type() != ColumnType.KEYWORD) {
				problems.add("sortField", fields.describe(column) + "; sortField must be a keyword field");
			}
			fields.notNested("sortField", column, "sortField must be one value per document, outside nested fields");
		});
		for (int i = 0; i < source.textFields().size(); i++) {
			String key = "textFields[" + i + "]";
			fields.leaf(key, source.textFields().get(i)).ifPresent((column) -> {
				if (column.type() != ColumnType.TEXT && column.type() != ColumnType.KEYWORD) {
					problems.add(key, fields.describe(column) + "; textFields must be text or keyword fields");
				}
				// q= is one simple_query_string over all text fields; it would never match inside a nested object
				fields.notNested(key, column, "full-text search does not reach into nested fields");
			});
		}
		source.parameters().forEach((name, parameter) -> {
			String key = "parameters." + name + ".field";
			fields.leaf(key, parameter.field()).ifPresent((column) -> {
				String needed = switch (parameter.kind()) {
					case TERM -> (column.type() == ColumnType.KEYWORD || column.type() == ColumnType.NUMBER
							|| column.type() == ColumnType.BOOLEAN) ? null : "a term parameter needs a keyword, number or boolean field";
					case RANGE -> (column.type() == ColumnType.NUMBER || column.type() == ColumnType.DATE) ? null
							: "a range parameter needs a number or date field";
					case GEO_BBOX -> (column.type() == ColumnType.GEO_POINT) ? null
							: "a geo_bbox parameter needs a geo_point field";
				};
				if (needed != null) {
					problems.add(key, fields.describe(column) + "; " + needed);
				}
			});
		});
		if (source.columns() != null) {
			for (int i = 0; i < source.columns().size(); i++) {
				fields.leaf("columns[" + i + "]", source.columns().get(i));
			}
		}
		if (problems.any()) {
			throw problems.exception();
		}
	}

	/** The fields of one index, described for messages. */
	private record Field(String index, IndexMapping mapping, SourceProblems problems) {

		Optional<Column> leaf(String key, String path) {
			Optional<Column> column = this.mapping.leaf(path);
			if (column.isEmpty() && this.mapping.isObject(path)) {
				this.problems.add(key, "'" + path + "' is an object of index " + this.index + ", not a field; name one of its fields");
			}
			else if (column.isEmpty()) {
				this.problems.add(key, "'" + path + "' is not a field of index " + this.index);
			}
			return column;
		}

		void notNested(String key, Column column, String why) {
			List<String> nested = this.mapping.nestedPaths(column.name());
			if (!nested.isEmpty()) {
				this.problems.add(key, "'" + column.name() + "' is below the nested field '" + nested.get(0) + "' of index "
						+ this.index + "; " + why);
			}
		}

		String describe(Column column) {
			String type = switch (column.type()) {
				case KEYWORD -> "a keyword field";
				case TEXT -> "a text field";
				case NUMBER -> "a number field";
				case DATE -> "a date field";
				case BOOLEAN -> "a boolean field";
				case GEO_POINT -> "a geo_point field";
				case OTHER -> "a field of another type";
			};
			return "'" + column.name() + "' is " + type + " of index " + this.index;
		}

	}

}
