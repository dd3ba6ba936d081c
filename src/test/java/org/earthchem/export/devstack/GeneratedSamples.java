package org.earthchem.export.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: the first documents of a generator (numbers 1 to {@code count}), as text and parsed, and the leaves
 * of its mapping, for the tests that check a generator without a server.
 */
final class GeneratedSamples {

	/** Leaf path to type, in mapping order. */
	final Map<String, String> leaves;

	/** Document {@code k + 1} at {@code k}, as generated. */
	final List<String> texts = new ArrayList<>();

	/** The same documents, parsed. */
	final List<JsonNode> parsed = new ArrayList<>();

	GeneratedSamples(String mappingJson, LongFunction<String> document, int count) {
		this.leaves = DocumentShape.mappingLeaves(mappingJson);
		for (long i = 1; i <= count; i++) {
			String text = document.apply(i);
			this.texts.add(text);
			this.parsed.add(DocumentShape.JSON.readTree(text));
		}
	}

	/** How many documents have a match of the regular expression in their text. */
	long matching(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return this.texts.stream().filter((text) -> pattern.matcher(text).find()).count();
	}

	/** Every string value of every document. */
	List<String> strings() {
		List<String> strings = new ArrayList<>();
		this.parsed.forEach((document) -> strings.addAll(DocumentShape.strings(document)));
		return strings;
	}

	/** The leaves document {@code i} (from 1) fills, each value checked to be of its leaf's mapped type. */
	Map<String, List<JsonNode>> typedLeaves(long i) {
		Map<String, List<JsonNode>> filled = DocumentShape.filledLeaves(this.parsed.get((int) i - 1),
				this.leaves.keySet());
		filled.forEach((path, values) -> values.forEach((value) -> assertThat(
				DocumentShape.typeProblem(this.leaves.get(path), value)).as("%s in document %d", path, i).isNull()));
		return filled;
	}

}
