package org.earthchem.export.source;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a checked search (its filters and its text) as the OpenSearch query of a search body: {@code match_all},
 * or one {@code bool} query whose {@code filter} holds every filter and whose {@code must} holds the text search.
 * <p>
 * A filter on a field below a {@code nested} field of the mapping (which a plain query never matches) goes into a
 * {@code nested} query on that path, and all the filters below the same nested path go into the same one: they must
 * hold in the same nested object. {@code sio2.min=40&sio2.max=50&method=XRF} on nested chemistry means one analysis,
 * by XRF, with SiO2 between 40 and 50, not a sample with some XRF analysis and some SiO2 in range. Below a nested
 * field within a nested field the same holds on each level.
 */
final class OpenSearchQuery {

	private static final String DATE_FORMAT = "yyyy-MM-dd";

	/**
	 * The {@code simple_query_string} operators of a portal's search box: {@code +} and {@code |} (AND, OR),
	 * {@code -} (NOT), {@code "…"} (PHRASE), parentheses (PRECEDENCE), {@code \} (ESCAPE), and words split at spaces
	 * (WHITESPACE). Not fuzzy {@code ~N}, prefix {@code *}, near or slop: each turns one word into many terms, which
	 * costs the cluster more than a search box's user means to ask; their characters are then part of the word.
	 */
	static final String TEXT_OPERATORS = "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// what JSON accepts as a number; BigDecimal also takes "+1", ".5", "1." and "007", which JSON does not
	private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	private final List<SearchFilter> filters;

	private final IndexMapping mapping;

	private final String text;

	private final List<String> textFields;

	/**
	 * @param filters the filters in the order they are to be written (the same request, the same JSON)
	 * @param text the {@code q=} text, or null
	 * @param textFields the fields the text searches
	 * @param mapping the index mapping, which says which fields are nested
	 */
	OpenSearchQuery(List<SearchFilter> filters, String text, List<String> textFields, IndexMapping mapping) {
		this.filters = List.copyOf(filters);
		this.mapping = mapping;
		this.text = text;
		this.textFields = List.copyOf(textFields);
	}

	/** The query as compact JSON. */
	String json() {
		StringWriter out = new StringWriter();
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			if (this.filters.isEmpty() && this.text == null) {
				json.writeName("match_all");
				json.writeStartObject();
				json.writeEndObject();
			}
			else {
				json.writeName("bool");
				json.writeStartObject();
				if (!this.filters.isEmpty()) {
					// filter, not must: exact conditions need no scoring and OpenSearch can cache them
					writeClauses(json, scopes().clauses);
				}
				if (this.text != null) {
					json.writeName("must");
					json.writeStartArray();
					writeText(json);
					json.writeEndArray();
				}
				json.writeEndObject();
			}
			json.writeEndObject();
		}
		return out.toString();
	}

	private void writeText(JsonGenerator json) {
		json.writeStartObject();
		json.writeName("simple_query_string");
		json.writeStartObject();
		json.writeStringProperty("query", this.text);
		json.writeName("fields");
		json.writeStartArray();
		this.textFields.forEach(json::writeString);
		json.writeEndArray();
		// every word must match: a portal user narrowing a search expects fewer rows with each word, not more
		json.writeStringProperty("default_operator", "and");
		json.writeStringProperty("flags", TEXT_OPERATORS);
		json.writeEndObject();
		json.writeEndObject();
	}

	// each filter in the scope of its innermost nested path; a nested scope where its first filter came
	private Scope scopes() {
		Scope root = new Scope(null);
		for (SearchFilter filter : this.filters) {
			Scope scope = root;
			for (String path : this.mapping.nestedPaths(filter.field())) {
				scope = scope.child(path);
			}
			scope.clauses.add(filter);
		}
		return root;
	}

	private static void writeClauses(JsonGenerator json, List<Object> clauses) {
		json.writeName("filter");
		json.writeStartArray();
		for (Object clause : clauses) {
			if (clause instanceof Scope nested) {
				writeNested(json, nested);
			}
			else {
				writeFilter(json, (SearchFilter) clause);
			}
		}
		json.writeEndArray();
	}

	private static void writeNested(JsonGenerator json, Scope scope) {
		json.writeStartObject();
		json.writeName("nested");
		json.writeStartObject();
		json.writeStringProperty("path", scope.path);
		json.writeName("query");
		json.writeStartObject();
		json.writeName("bool");
		json.writeStartObject();
		writeClauses(json, scope.clauses);
		json.writeEndObject();
		json.writeEndObject();
		json.writeEndObject();
		json.writeEndObject();
	}

	private static void writeFilter(JsonGenerator json, SearchFilter filter) {
		json.writeStartObject();
		// Java 17: no pattern switch yet
		if (filter instanceof SearchFilter.Terms terms) {
			writeTerms(json, terms);
		}
		else if (filter instanceof SearchFilter.Range range) {
			writeRange(json, range);
		}
		else if (filter instanceof SearchFilter.Box box) {
			writeBox(json, box);
		}
		else {
			throw new IllegalStateException("no query for the filter " + filter);
		}
		json.writeEndObject();
	}

	private static void writeTerms(JsonGenerator json, SearchFilter.Terms terms) {
		json.writeName("terms");
		json.writeStartObject();
		json.writeName(terms.field());
		json.writeStartArray();
		for (String value : terms.values()) {
			switch (terms.type()) {
				case NUMBER -> writeNumber(json, value);
				case BOOLEAN -> json.writeBoolean(Boolean.parseBoolean(value));
				default -> json.writeString(value);
			}
		}
		json.writeEndArray();
		json.writeEndObject();
	}

	private static void writeRange(JsonGenerator json, SearchFilter.Range range) {
		json.writeName("range");
		json.writeStartObject();
		json.writeName(range.field());
		json.writeStartObject();
		writeBound(json, "gte", range.min(), range.type());
		writeBound(json, "lte", range.max(), range.type());
		if (range.type() == ColumnType.DATE) {
			// the field's own format may differ (e.g. epoch_millis); this one says how to read the bounds
			json.writeStringProperty("format", DATE_FORMAT);
		}
		json.writeEndObject();
		json.writeEndObject();
	}

	private static void writeBound(JsonGenerator json, String name, String bound, ColumnType type) {
		if (bound == null) {
			return;
		}
		json.writeName(name);
		if (type == ColumnType.DATE) {
			json.writeString(bound);
		}
		else {
			writeNumber(json, bound);
		}
	}

	private static void writeBox(JsonGenerator json, SearchFilter.Box box) {
		json.writeName("geo_bounding_box");
		json.writeStartObject();
		json.writeName(box.field());
		json.writeStartObject();
		json.writeName("top_left");
		writeCorner(json, box.corners().get(3), box.corners().get(0));
		json.writeName("bottom_right");
		writeCorner(json, box.corners().get(1), box.corners().get(2));
		json.writeEndObject();
		json.writeEndObject();
	}

	private static void writeCorner(JsonGenerator json, String lat, String lon) {
		json.writeStartObject();
		json.writeName("lat");
		writeNumber(json, lat);
		json.writeName("lon");
		writeNumber(json, lon);
		json.writeEndObject();
	}

	// the number as the user wrote it (45.20 stays 45.20), unless JSON cannot hold that spelling (+45, .5)
	private static void writeNumber(JsonGenerator json, String text) {
		json.writeNumber(JSON_NUMBER.matcher(text).matches() ? text : new BigDecimal(text).toString());
	}

	/** The filters below one nested path (the root: none), and the nested paths below it, in the order they came. */
	private static final class Scope {

		private final String path;

		// SearchFilter or Scope
		private final List<Object> clauses = new ArrayList<>();

		Scope(String path) {
			this.path = path;
		}

		Scope child(String path) {
			for (Object clause : this.clauses) {
				if (clause instanceof Scope scope && scope.path.equals(path)) {
					return scope;
				}
			}
			Scope scope = new Scope(path);
			this.clauses.add(scope);
			return scope;
		}

	}

}
