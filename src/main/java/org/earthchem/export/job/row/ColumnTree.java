package org.earthchem.export.job.row;

import java.util.HashMap;
import java.util.Map;

import org.earthchem.export.source.Column;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.ColumnType;

/**
 * The columns of an export as a tree of path segments, built once per export so that the flattener maps each
 * field of a document to its column index with one hash lookup per segment and no string building.
 */
final class ColumnTree {

	/** One path segment: an object with children, or a leaf with a column index. */
	static final class Node {

		final Map<String, Node> children = new HashMap<>();

		int column = -1;

		ColumnType type;

		/** The child segment, or null when no column lies below it. */
		Node child(String name) {
			return this.children.get(name);
		}

		boolean isLeaf() {
			return this.column >= 0;
		}

	}

	private final Node root = new Node();

	ColumnTree(ColumnSet columns) {
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			Node node = this.root;
			for (String segment : column.name().split("\\.")) {
				node = node.children.computeIfAbsent(segment, (s) -> new Node());
			}
			node.column = i;
			node.type = column.type();
		}
	}

	Node root() {
		return this.root;
	}

}
