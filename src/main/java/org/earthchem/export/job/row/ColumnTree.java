package org.earthchem.export.job.row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;

import org.earthchem.export.source.Column;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

/**
 * The columns of an export as a tree of path segments, built once per export so that the flattener maps each field
 * of a document to its column index without building a string: each object's field names are matched by the
 * parser against the node's {@link PropertyNameMatcher} (Jackson's own, which compares the name's UTF-8 bytes as they
 * are read). Measured, this takes about the share of an export's CPU that the map look-up of the name strings took
 * (a tenth); it allocates no names.
 */
final class ColumnTree {

	/** One path segment: an object with children, or a leaf with a column index. */
	static final class Node {

		private final Map<String, Node> byName = new LinkedHashMap<>();

		private PropertyNameMatcher names;

		private Node[] children;

		int column = -1;

		ColumnType type;

		/**
		 * Moves the parser to the next token and, when it is a field name, returns the child it names, or
		 * {@link #UNKNOWN} when no column lies below that field; null at the end of the object.
		 */
		Node nextChild(JsonParser parser) {
			int match = parser.nextNameMatch(this.names);
			if (match >= 0) {
				return this.children[match];
			}
			return (match == PropertyNameMatcher.MATCH_UNKNOWN_NAME) ? UNKNOWN : null;
		}

		boolean isLeaf() {
			return this.column >= 0;
		}

		private Node childNamed(String segment) {
			return this.byName.computeIfAbsent(segment, (name) -> new Node());
		}

		private void seal(JsonFactory factory) {
			List<Named> segments = new ArrayList<>(this.byName.size());
			this.byName.keySet().forEach((segment) -> segments.add(Named.fromString(segment)));
			this.names = factory.constructNameMatcher(segments, false);
			this.children = this.byName.values().toArray(Node[]::new);
			for (Node child : this.children) {
				child.seal(factory);
			}
		}

	}

	/** The "child" of a field that is no column of the export (unmapped, or left out by {@code columns=}). */
	static final Node UNKNOWN = new Node();

	private final Node root = new Node();

	ColumnTree(ColumnSet columns, JsonFactory factory) {
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			Node node = this.root;
			for (String segment : column.name().split("\\.")) {
				node = node.childNamed(segment);
			}
			node.column = i;
			node.type = column.type();
		}
		this.root.seal(factory);
	}

	Node root() {
		return this.root;
	}

}
