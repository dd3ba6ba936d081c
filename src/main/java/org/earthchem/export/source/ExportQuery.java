package org.earthchem.export.source;

import java.util.List;
import java.util.Objects;

/**
 * A validated export request: what to search, how to write it, and its identity.
 *
 * @param source the source name
 * @param fileType the output format
 * @param compression how the files are stored ({@code compression=}); never gzip with XLSX
 * @param canonicalQuery the search parameters, sorted and form-encoded, without {@code fileType} and {@code compression}
 * @param queryKey lowercase hex SHA-256 of {@code source + "?" + canonicalQuery}
 * @param columnPrefixes the {@code columns=} prefixes, sorted; empty for every column
 * @param queryJson the OpenSearch query (the {@code query} of a search body) as compact JSON
 */
public record ExportQuery(String source, FileType fileType, Compression compression, String canonicalQuery, String queryKey,
		List<String> columnPrefixes, String queryJson) {

	public ExportQuery {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(fileType, "fileType");
		Objects.requireNonNull(compression, "compression");
		Objects.requireNonNull(canonicalQuery, "canonicalQuery");
		Objects.requireNonNull(queryKey, "queryKey");
		Objects.requireNonNull(queryJson, "queryJson");
		columnPrefixes = (columnPrefixes != null) ? List.copyOf(columnPrefixes) : List.of();
	}

}
