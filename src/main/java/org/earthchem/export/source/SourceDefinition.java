package org.earthchem.export.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A source as its file in {@code batch-config/sources/} defines it.
 *
 * @param name the {@code {source}} of the API paths
 * @param title shown in emails and the console
 * @param index the OpenSearch index or alias
 * @param sortField the unique keyword field that orders the rows
 * @param textFields what {@code q=} searches; empty when the source has no full-text search
 * @param parameters URL parameter name to its definition, in the order the file lists them
 * @param columns an explicit ordered list of dotted paths, or {@code null} for every leaf of the mapping
 * @param file where the definition was read from, for messages
 */
public record SourceDefinition(String name, String title, String index, String sortField, List<String> textFields,
		Map<String, ParameterDefinition> parameters, List<String> columns, String file) {

	public SourceDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(index, "index");
		Objects.requireNonNull(sortField, "sortField");
		title = (title != null) ? title : name;
		textFields = (textFields != null) ? List.copyOf(textFields) : List.of();
		// a copy that keeps the file's order: the console lists parameters as the operator wrote them
		parameters = (parameters != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(parameters)) : Map.of();
		columns = (columns != null) ? List.copyOf(columns) : null;
		file = (file != null) ? file : name + ".yml";
	}

	/** True when the columns are every leaf of the index mapping ({@code columns: mapping}). */
	public boolean columnsFromMapping() {
		return this.columns == null;
	}

}
