package org.earthchem.export.source;

import java.util.List;

/**
 * One exact condition of a checked search on one index field, with its values as the user wrote them (already
 * checked); {@link OpenSearchQuery} renders it.
 */
sealed interface SearchFilter {

	/** The dotted path of the index field it filters. */
	String field();

	/** Any of these values ({@code material=rock,glass}), sorted and without repeats. */
	record Terms(String field, ColumnType type, List<String> values) implements SearchFilter {

		public Terms {
			values = List.copyOf(values);
		}

	}

	/** An inclusive range; {@code min} or {@code max} is null when the request left it open. */
	record Range(String field, ColumnType type, String min, String max) implements SearchFilter {

	}

	/** A geographic box from {@code minLon,minLat,maxLon,maxLat}, in that order. */
	record Box(String field, List<String> corners) implements SearchFilter {

		public Box {
			corners = List.copyOf(corners);
		}

	}

}
