package org.earthchem.export.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an index mapping from dotted leaf paths. Properties are kept in {@link String} order at every
 * level because that is the order OpenSearch returns them in, so {@link #leafPaths()} matches a mapping
 * read back from the node.
 */
final class MappingTree {

	private final Map<String, Object> root = new TreeMap<>();

	/** Adds a leaf; {@code definition} is the field's JSON body, e.g. {@code {"type":"keyword"}}. */
	MappingTree leaf(String path, String definition) {
		String[] parts = path.split("\\.");
		Map<String, Object> level = this.root;
		for (int k = 0; k < parts.length - 1; k++) {
			Object child = level.computeIfAbsent(parts[k], (name) -> new TreeMap<String, Object>());
			if (!(child instanceof Map)) {
				throw new IllegalArgumentException(path + " goes through leaf " + parts[k]);
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> next = (Map<String, Object>) child;
			level = next;
		}
		if (level.putIfAbsent(parts[parts.length - 1], definition) != null) {
			throw new IllegalArgumentException("duplicate path " + path);
		}
		return this;
	}

	MappingTree leaf(String path, Type type) {
		return leaf(path, type.definition);
	}

	/** The whole index creation body: the given settings object and a {@code dynamic:false} mapping. */
	String indexBody(String settingsJson) {
		StringBuilder out = new StringBuilder(256 * 1024);
		out.append("{\"settings\":").append(settingsJson).append(",\"mappings\":{\"dynamic\":false,");
		properties(out, this.root);
		return out.append("}}").toString();
	}

	/** Leaf paths depth-first in mapping order. */
	List<String> leafPaths() {
		List<String> paths = new ArrayList<>();
		collect("", this.root, paths);
		return Collections.unmodifiableList(paths);
	}

	private static void properties(StringBuilder out, Map<String, Object> level) {
		out.append("\"properties\":{");
		boolean first = true;
		for (Map.Entry<String, Object> entry : level.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			JsonText.quote(out, entry.getKey());
			out.append(':');
			if (entry.getValue() instanceof Map<?, ?> child) {
				out.append('{');
				@SuppressWarnings("unchecked")
				Map<String, Object> next = (Map<String, Object>) child;
				properties(out, next);
				out.append('}');
			}
			else {
				out.append(entry.getValue());
			}
		}
		out.append('}');
	}

	private static void collect(String prefix, Map<String, Object> level, List<String> paths) {
		for (Map.Entry<String, Object> entry : level.entrySet()) {
			String path = prefix + entry.getKey();
			if (entry.getValue() instanceof Map<?, ?> child) {
				@SuppressWarnings("unchecked")
				Map<String, Object> next = (Map<String, Object>) child;
				collect(path + ".", next, paths);
			}
			else {
				paths.add(path);
			}
		}
	}

	/** The field types the demo mappings use. */
	enum Type {

		KEYWORD("{\"type\":\"keyword\",\"ignore_above\":1024}"),
		// a keyword sub-field so exports can sort on text fields; multi-fields are not leaves of their own
		TEXT("{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}}"),
		DATE("{\"type\":\"date\",\"format\":\"yyyy-MM-dd\"}"),
		DOUBLE("{\"type\":\"double\"}"),
		FLOAT("{\"type\":\"float\"}"),
		INTEGER("{\"type\":\"integer\"}"),
		BOOLEAN("{\"type\":\"boolean\"}"),
		GEO_POINT("{\"type\":\"geo_point\"}");

		final String definition;

		Type(String definition) {
			this.definition = definition;
		}

	}

}
