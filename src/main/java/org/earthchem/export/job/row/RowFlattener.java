package org.earthchem.export.job.row;

import java.io.StringWriter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

/**
 * Turns a document's {@code _source} into a row: each leaf to its column, numbers as the exact text of the
 * document, arrays kept as several values, geo points as {@code lat,lon}, and anything of an unexpected shape
 * (an object where the mapping has a leaf) as compact JSON text, so that no value is lost and none fails the export.
 * It reads straight from the parser of the result page, so each document is parsed once.
 */
public final class RowFlattener {

	private final JsonFactory factory;

	private final ColumnTree columns;

	private final ColumnOrder order;

	public RowFlattener(JsonFactory factory, ColumnSet columns) {
		this.factory = factory;
		this.columns = new ColumnTree(columns, factory);
		this.order = new ColumnOrder(columns.size());
	}

	/** The row of the {@code _source} object at the parser's current token; leaves the parser at its end. */
	public Row flatten(JsonParser parser) {
		Row row = new Row();
		if (parser.currentToken() == JsonToken.START_OBJECT) {
			readObject(parser, this.columns.root(), row, false);
		}
		else {
			parser.skipChildren();
		}
		row.seal(this.order);
		return row;
	}

	/** The row of a {@code _source} held as JSON bytes. */
	public Row flatten(byte[] source) {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), source)) {
			parser.nextToken();
			return flatten(parser);
		}
	}

	private void readObject(JsonParser parser, ColumnTree.Node node, Row row, boolean inArray) {
		ColumnTree.Node child;
		while ((child = node.nextChild(parser)) != null) {
			JsonToken token = parser.nextToken();
			if (child == ColumnTree.UNKNOWN) {
				// not a column of this export (unmapped, or left out by columns=)
				parser.skipChildren();
			}
			else if (child.isLeaf()) {
				readLeaf(parser, token, child, row, inArray);
			}
			else {
				readBranch(parser, token, child, row, inArray);
			}
		}
	}

	private void readBranch(JsonParser parser, JsonToken token, ColumnTree.Node node, Row row, boolean inArray) {
		if (token == JsonToken.START_OBJECT) {
			readObject(parser, node, row, inArray);
		}
		else if (token == JsonToken.START_ARRAY) {
			// values from an array of objects are gathered per leaf path, in order
			JsonToken element;
			while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
				readBranch(parser, element, node, row, true);
			}
		}
		else {
			// a plain value where the mapping has an object: there is no column for it
			parser.skipChildren();
		}
	}

	private void readLeaf(JsonParser parser, JsonToken token, ColumnTree.Node leaf, Row row, boolean inArray) {
		if (leaf.type == ColumnType.GEO_POINT) {
			readGeoPoint(parser, token, leaf, row, inArray);
			return;
		}
		switch (token) {
			case VALUE_STRING -> addText(parser, leaf, ValueKind.TEXT, row, inArray);
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> addText(parser, leaf, ValueKind.NUMBER, row, inArray);
			case VALUE_TRUE -> row.add(leaf.column, ValueKind.BOOLEAN, "true", inArray);
			case VALUE_FALSE -> row.add(leaf.column, ValueKind.BOOLEAN, "false", inArray);
			case START_ARRAY -> {
				JsonToken element;
				while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
					readLeaf(parser, element, leaf, row, true);
				}
			}
			case START_OBJECT -> row.add(leaf.column, ValueKind.TEXT, compactJson(parser), inArray);
			default -> {
				// null: a missing value
			}
		}
	}

	/** The value at the parser as it was written (a number's exact text), copied from the parser's buffer. */
	private static void addText(JsonParser parser, ColumnTree.Node leaf, ValueKind kind, Row row, boolean inArray) {
		row.add(leaf.column, kind, parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength(),
				inArray);
	}

	private void readGeoPoint(JsonParser parser, JsonToken token, ColumnTree.Node leaf, Row row, boolean inArray) {
		switch (token) {
			case VALUE_STRING -> row.add(leaf.column, ValueKind.POINT, GeoPoints.fromText(parser.getString()), inArray);
			case START_OBJECT -> row.add(leaf.column, ValueKind.POINT, GeoPoints.fromObject(parser), inArray);
			case START_ARRAY -> {
				JsonToken first = parser.nextToken();
				if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
					// [lon, lat] is one point
					row.add(leaf.column, ValueKind.POINT, GeoPoints.fromLonLatArray(parser), inArray);
				}
				else {
					// an array of points
					JsonToken element = first;
					while (element != JsonToken.END_ARRAY) {
						readGeoPoint(parser, element, leaf, row, true);
						element = parser.nextToken();
					}
				}
			}
			case VALUE_NULL -> {
			}
			default -> row.add(leaf.column, ValueKind.TEXT, parser.getString(), inArray);
		}
	}

	/** The object or array at the parser's position as compact JSON, numbers kept as written. */
	String compactJson(JsonParser parser) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = this.factory.createGenerator(ObjectWriteContext.empty(), out)) {
			copy(parser, generator);
		}
		return out.toString();
	}

	private static void copy(JsonParser parser, JsonGenerator generator) {
		int depth = 0;
		JsonToken token = parser.currentToken();
		do {
			switch (token) {
				case START_OBJECT -> {
					generator.writeStartObject();
					depth++;
				}
				case START_ARRAY -> {
					generator.writeStartArray();
					depth++;
				}
				case END_OBJECT -> {
					generator.writeEndObject();
					depth--;
				}
				case END_ARRAY -> {
					generator.writeEndArray();
					depth--;
				}
				case PROPERTY_NAME -> generator.writeName(parser.currentName());
				case VALUE_STRING -> generator.writeString(parser.getString());
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getString());
				case VALUE_TRUE -> generator.writeBoolean(true);
				case VALUE_FALSE -> generator.writeBoolean(false);
				case VALUE_NULL -> generator.writeNull();
				default -> generator.writeString(parser.getString());
			}
			if (depth > 0) {
				token = parser.nextToken();
			}
		}
		while (depth > 0);
	}

}
