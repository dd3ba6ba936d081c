package org.earthchem.export.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** One page of a point-in-time search, its hits flattened into rows as the page is parsed (once). */
record ResultPage(List<Row> rows, String pitId) {

	static ResultPage parse(JsonFactory factory, byte[] body, RowFlattener flattener) {
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
					readHits(parser, body, flattener, rows);
				}
				else {
					parser.skipChildren();
				}
			}
		}
		return new ResultPage(rows, pitId);
	}

	private static void readHits(JsonParser parser, byte[] body, RowFlattener flattener, List<Row> rows) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("hits".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					rows.add(readHit(parser, body, flattener));
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private static Row readHit(JsonParser parser, byte[] body, RowFlattener flattener) {
		Row row = null;
		String sort = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("_source".equals(name) && value == JsonToken.START_OBJECT) {
				row = flattener.flatten(parser);
			}
			else if ("sort".equals(name) && value == JsonToken.START_ARRAY) {
				int sortStart = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int sortEnd = (int) parser.currentTokenLocation().getByteOffset() + 1;
				sort = new String(body, sortStart, sortEnd - sortStart, StandardCharsets.UTF_8);
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

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("unexpected search response: " + actual + " where " + expected + " belongs");
		}
	}

}
