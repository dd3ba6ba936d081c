package org.earthchem.export.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** One page of a point-in-time search, cut into documents without parsing their contents. */
record ResultPage(List<SourceDocument> documents, String pitId) {

	static ResultPage parse(JsonFactory factory, byte[] body) {
		List<SourceDocument> documents = new ArrayList<>();
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
					readHits(parser, body, documents);
				}
				else {
					parser.skipChildren();
				}
			}
		}
		return new ResultPage(documents, pitId);
	}

	private static void readHits(JsonParser parser, byte[] body, List<SourceDocument> documents) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("hits".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					documents.add(readHit(parser, body));
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private static SourceDocument readHit(JsonParser parser, byte[] body) {
		int start = -1;
		int end = -1;
		String sort = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("_source".equals(name) && value == JsonToken.START_OBJECT) {
				start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				end = (int) parser.currentTokenLocation().getByteOffset() + 1;
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
		if (start < 0 || sort == null) {
			throw new IllegalStateException("a search hit came without _source or sort values");
		}
		return new SourceDocument(body, start, end, sort);
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("unexpected search response: " + actual + " where " + expected + " belongs");
		}
	}

}
