package org.earthchem.export.job.read;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.RowFlattener;

/** One page of a point-in-time search, its hits flattened into rows as the page is parsed (once). */
public record ResultPage(List<Row> rows, String pitId) {

	/** Parses a page as it streams in: nothing of it is held but the rows. */
	public static ResultPage parse(JsonFactory factory, InputStream body, RowFlattener flattener) {
		List<Row> rows = new ArrayList<>();
		String pitId = null;
		try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), body)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("pit_id".equals(name) && value == JsonToken.VALUE_STRING) {
					pitId = parser.getString();
				}
				else if ("hits".equals(name) && value == JsonToken.START_OBJECT) {
					readHits(parser, flattener, rows);
				}
				else {
					parser.skipChildren();
				}
			}
		}
		return new ResultPage(rows, pitId);
	}

	private static void readHits(JsonParser parser, RowFlattener flattener, List<Row> rows) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("hits".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					rows.add(readHit(parser, flattener));
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private static Row readHit(JsonParser parser, RowFlattener flattener) {
		Row row = null;
		String sort = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("_source".equals(name) && value == JsonToken.START_OBJECT) {
				row = flattener.flatten(parser);
			}
			else if ("sort".equals(name) && value == JsonToken.START_ARRAY) {
				sort = sortValues(parser);
			}
			else {
				parser.skipChildren();
			}
		}
		if (row == null || sort == null) {
			throw new IllegalStateException("a search hit came without _source or sort values");
		}
		row.setSortValues(sort);
		return row;
	}

	/**
	 * The hit's sort array as JSON text, for {@code search_after}: strings quoted again, numbers exactly as the cluster
	 * wrote them (a long sort value must not pass through a double).
	 */
	private static String sortValues(JsonParser parser) {
		StringBuilder text = new StringBuilder("[");
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (text.length() > 1) {
				text.append(',');
			}
			switch (token) {
				case VALUE_STRING -> text.append(JsonStrings.quote(parser.getString()));
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> text.append(parser.getString());
				default -> throw new IllegalStateException("unexpected sort value in a search hit: " + token);
			}
		}
		return text.append(']').toString();
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("unexpected search response: " + actual + " where " + expected + " belongs");
		}
	}

}
