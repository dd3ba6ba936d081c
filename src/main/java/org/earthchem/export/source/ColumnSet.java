package org.earthchem.export.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of one export: fixed order, each column's index used by the flattener and writers. */
public final class ColumnSet {

	private final List<Column> columns;

	private final Map<String, Integer> indexes;

	private ColumnSet(List<Column> columns) {
		this.columns = List.copyOf(columns);
		this.indexes = new HashMap<>();
		for (int i = 0; i < this.columns.size(); i++) {
			this.indexes.put(this.columns.get(i).name(), i);
		}
	}

	/** Exactly these columns in this order (a column set fixed earlier, read back). */
	public static ColumnSet of(List<Column> columns) {
		return new ColumnSet(columns);
	}

	/**
	 * The columns of a source: every leaf of the mapping ({@code columns: mapping}) or the source's explicit list
	 * in its order, then only those that start with one of the prefixes (all when there are none). Filtering never
	 * reorders, so every part of an export and every export with the same selection has the same columns.
	 * @throws SourceDefinitionException when an explicit column is not a leaf of the mapping
	 */
	public static ColumnSet of(SourceDefinition source, IndexMapping mapping, List<String> prefixes) {
		List<Column> all = new ArrayList<>();
		if (source.columnsFromMapping()) {
			all.addAll(mapping.leaves());
		}
		else {
			List<String> problems = new ArrayList<>();
			for (int i = 0; i < source.columns().size(); i++) {
				String name = source.columns().get(i);
				int position = i;
				mapping.leaf(name).ifPresentOrElse(all::add, () -> problems.add(source.file() + ": columns["
						+ position + "]: '" + name + "' is not a field of index " + source.index()));
			}
			if (!problems.isEmpty()) {
				throw new SourceDefinitionException(problems);
			}
		}
		if (prefixes == null || prefixes.isEmpty()) {
			return new ColumnSet(all);
		}
		return new ColumnSet(all.stream().filter((column) -> matchesAny(column.name(), prefixes)).toList());
	}

	/**
	 * True when the prefix is the column's whole path or a run of its leading path segments:
	 * {@code chemistry.whole_rock} matches {@code chemistry.whole_rock.major.SiO2.value}, not {@code chemistry.whole_rockx}.
	 */
	static boolean matches(String column, String prefix) {
		return column.equals(prefix) || (column.startsWith(prefix) && column.charAt(prefix.length()) == '.');
	}

	private static boolean matchesAny(String column, List<String> prefixes) {
		return prefixes.stream().anyMatch((prefix) -> matches(column, prefix));
	}

	public List<Column> columns() {
		return this.columns;
	}

	public int size() {
		return this.columns.size();
	}

	public Column get(int i) {
		return this.columns.get(i);
	}

	/** The position of the named column, or -1 when it is not in this set. */
	public int indexOf(String name) {
		return this.indexes.getOrDefault(name, -1);
	}

	public List<String> names() {
		return this.columns.stream().map(Column::name).toList();
	}

}
