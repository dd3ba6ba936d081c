package org.earthchem.export.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The leaf fields of an index mapping in mapping order. */
public final class IndexMapping {

	private final Map<String, Column> leaves;

	private final Set<String> objects;

	private final Set<String> nested;

	private IndexMapping(Map<String, Column> leaves, Set<String> objects, Set<String> nested) {
		this.leaves = Collections.unmodifiableMap(leaves);
		this.objects = Collections.unmodifiableSet(objects);
		this.nested = Collections.unmodifiableSet(nested);
	}

	/**
	 * Reads the {@code properties} object of a mapping ({@code GET <index>/_mapping} gives it at
	 * {@code <concrete index>.mappings.properties}). A field with {@code properties} (an object or nested field)
	 * is descended into; every other field is a leaf, including an object that the mapping does not describe
	 * (e.g. {@code enabled: false}), whose value the writers then render as compact JSON. Multi-fields
	 * ({@code fields}) are ways of indexing a leaf, not values of their own, so they are not leaves. A field of
	 * type {@code nested} is remembered: a query on a field below it must be a {@code nested} query.
	 */
	public static IndexMapping parse(JsonNode properties) {
		Map<String, Column> leaves = new LinkedHashMap<>();
		Set<String> objects = new HashSet<>();
		Set<String> nested = new HashSet<>();
		if (properties != null && !properties.isMissingNode() && !properties.isNull()) {
			if (!properties.isObject()) {
				throw new IllegalArgumentException("A mapping's properties must be a JSON object, not " + properties.getNodeType());
			}
			collect(properties, "", leaves, objects, nested);
		}
		return new IndexMapping(leaves, objects, nested);
	}

	private static void collect(JsonNode properties, String prefix, Map<String, Column> leaves, Set<String> objects,
			Set<String> nested) {
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			String path = prefix + property.getKey();
			JsonNode definition = property.getValue();
			JsonNode children = definition.get("properties");
			JsonNode type = definition.get("type");
			if (children != null && children.isObject()) {
				objects.add(path);
				if (type != null && type.isString() && type.stringValue().equals("nested")) {
					nested.add(path);
				}
				collect(children, path + ".", leaves, objects, nested);
			}
			else {
				leaves.put(path, new Column(path, typeOf((type != null && type.isString()) ? type.stringValue() : "")));
			}
		}
	}

	private static ColumnType typeOf(String mappingType) {
		return switch (mappingType) {
			case "keyword", "constant_keyword", "wildcard" -> ColumnType.KEYWORD;
			case "text", "match_only_text" -> ColumnType.TEXT;
			case "long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long" ->
				ColumnType.NUMBER;
			case "date", "date_nanos" -> ColumnType.DATE;
			case "boolean" -> ColumnType.BOOLEAN;
			case "geo_point" -> ColumnType.GEO_POINT;
			default -> ColumnType.OTHER;
		};
	}

	/** Every leaf, depth-first in the order the mapping lists them. */
	public List<Column> leaves() {
		return List.copyOf(this.leaves.values());
	}

	/** The leaf at a dotted path; empty for an object path or a path the mapping does not have. */
	public Optional<Column> leaf(String path) {
		return Optional.ofNullable(this.leaves.get(path));
	}

	/** True for an object or nested field (a path with fields below it, not a leaf). */
	public boolean isObject(String path) {
		return this.objects.contains(path);
	}

	/**
	 * The {@code nested} fields a field lies below, outermost first: {@code [chemistry.whole_rock]} for
	 * {@code chemistry.whole_rock.major.SiO2.value} when {@code chemistry.whole_rock} is nested; empty when none is.
	 */
	public List<String> nestedPaths(String path) {
		List<String> paths = new ArrayList<>();
		for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
			String parent = path.substring(0, dot);
			if (this.nested.contains(parent)) {
				paths.add(parent);
			}
		}
		return List.copyOf(paths);
	}

}
