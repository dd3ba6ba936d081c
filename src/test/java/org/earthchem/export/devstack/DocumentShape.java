package org.earthchem.export.devstack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: reads a generator's mapping and measures its documents against it. */
final class DocumentShape {

	// duplicate keys would be silently merged by OpenSearch, so the tests reject them
	static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	private DocumentShape() {
	}

	/** Leaf path to type, depth-first in the order the mapping JSON lists them; multi-fields are not leaves. */
	static Map<String, String> mappingLeaves(String indexBody) {
		Map<String, String> leaves = new LinkedHashMap<>();
		collect("", JSON.readTree(indexBody).path("mappings").path("properties"), leaves);
		return leaves;
	}

	private static void collect(String prefix, JsonNode properties, Map<String, String> leaves) {
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			JsonNode field = property.getValue();
			String type = field.path("type").asString("object");
			if (field.has("properties")) {
				collect(prefix + property.getKey() + ".", field.get("properties"), leaves);
			}
			else if (!type.equals("object") && !type.equals("nested")) {
				leaves.put(prefix + property.getKey(), type);
			}
		}
	}

	/** True when the property names of every object in the mapping are in {@link String} order. */
	static boolean sortedAtEveryLevel(JsonNode properties) {
		String previous = null;
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			if (previous != null && previous.compareTo(property.getKey()) >= 0) {
				return false;
			}
			previous = property.getKey();
			JsonNode child = property.getValue().get("properties");
			if (child != null && !sortedAtEveryLevel(child)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The filled leaves of {@code document}: path to every value found there (an array counts as one leaf, as do
	 * the name fields of an array of author objects).
	 * @throws AssertionError on a field the mapping does not have, which {@code dynamic:false} would drop silently
	 */
	static Map<String, List<JsonNode>> filledLeaves(JsonNode document, Set<String> leafPaths) {
		Map<String, List<JsonNode>> filled = new LinkedHashMap<>();
		walk("", document, leafPaths, filled);
		return filled;
	}

	private static void walk(String prefix, JsonNode object, Set<String> leafPaths, Map<String, List<JsonNode>> filled) {
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			String path = prefix + property.getKey();
			JsonNode value = property.getValue();
			if (leafPaths.contains(path)) {
				if (!value.isNull() && !(value.isArray() && value.isEmpty())) {
					filled.computeIfAbsent(path, (key) -> new ArrayList<>()).add(value);
				}
			}
			else if (value.isObject()) {
				walk(path + ".", value, leafPaths, filled);
			}
			else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
				for (JsonNode element : value) {
					walk(path + ".", element, leafPaths, filled);
				}
			}
			else {
				throw new AssertionError("unmapped field " + path + " = " + value);
			}
		}
	}

	/** Null when {@code value} suits a field of {@code type}, otherwise why not. */
	static String typeProblem(String type, JsonNode value) {
		if (value.isArray() && !type.equals("geo_point")) {
			for (JsonNode element : value) {
				String problem = typeProblem(type, element);
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		boolean ok = switch (type) {
			case "keyword", "text" -> value.isString();
			case "double", "float" -> value.isNumber();
			case "integer" -> value.isIntegralNumber();
			case "boolean" -> value.isBoolean();
			case "date" -> value.isString() && value.asString().matches("\\d{4}-\\d{2}-\\d{2}")
					&& inRange(LocalDate.parse(value.asString()).getYear(), 1960, 2024);
			case "geo_point" -> geoPointForm(value) != null;
			default -> false;
		};
		return ok ? null : "not a valid " + type + ": " + value;
	}

	/** "object", "string" or "array" for a valid geo_point in [-80,80] x [-180,180], otherwise null. */
	static String geoPointForm(JsonNode value) {
		if (value.isObject() && value.size() == 2 && value.path("lat").isNumber() && value.path("lon").isNumber()) {
			return validLatLon(value.get("lat").asDouble(), value.get("lon").asDouble()) ? "object" : null;
		}
		if (value.isString() && value.asString().matches("-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?")) {
			String[] parts = value.asString().split(",");
			return validLatLon(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])) ? "string" : null;
		}
		if (value.isArray() && value.size() == 2 && value.get(0).isNumber() && value.get(1).isNumber()) {
			return validLatLon(value.get(1).asDouble(), value.get(0).asDouble()) ? "array" : null;
		}
		return null;
	}

	private static boolean validLatLon(double lat, double lon) {
		return lat >= -80 && lat <= 80 && lon >= -180 && lon <= 180;
	}

	private static boolean inRange(int value, int low, int high) {
		return value >= low && value <= high;
	}

	/** Every string value in {@code node}, at any depth. */
	static List<String> strings(JsonNode node) {
		List<String> strings = new ArrayList<>();
		collectStrings(node, strings);
		return strings;
	}

	private static void collectStrings(JsonNode node, List<String> strings) {
		if (node.isString()) {
			strings.add(node.asString());
		}
		for (JsonNode child : node) {
			collectStrings(child, strings);
		}
	}

}
