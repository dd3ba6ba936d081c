package org.earthchem.export.devstack;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The Synthesis generator's mapping and documents, checked without a server. */
class SynthesisSamplesTest {

	private static final int DOCS = 1000;

	private static GeneratedSamples samples;

	private static Map<String, String> leaves;

	@BeforeAll
	static void generate() {
		samples = new GeneratedSamples(SynthesisSamples.mappingJson(), SynthesisSamples::document, DOCS);
		leaves = samples.leaves;
	}

	@Test
	void mappingHasSixtyLeavesListedByLeafPathsInOpenSearchOrder() {
		assertThat(leaves).hasSize(60);
		assertThat(SynthesisSamples.leafPaths()).containsExactlyElementsOf(leaves.keySet());
		JsonNode mappings = DocumentShape.JSON.readTree(SynthesisSamples.mappingJson()).path("mappings");
		assertThat(DocumentShape.sortedAtEveryLevel(mappings.path("properties"))).isTrue();
		assertThat(mappings.path("dynamic").booleanValue()).isFalse();
	}

	@Test
	void metadataLeavesHaveTheAgreedNamesAndTypes() {
		Map<String, String> metadata = new LinkedHashMap<>(leaves);
		metadata.keySet().removeIf((path) -> path.startsWith("chemistry."));
		assertThat(metadata).isEqualTo(Map.ofEntries(Map.entry("sample_id", "keyword"),
				Map.entry("dataset_id", "keyword"), Map.entry("title", "text"), Map.entry("material", "keyword"),
				Map.entry("rock_type", "keyword"), Map.entry("collected", "date"),
				Map.entry("location.point", "geo_point"), Map.entry("location.elevation_m", "double"),
				Map.entry("citation.year", "integer"), Map.entry("citation.doi", "keyword"),
				Map.entry("citation.authors", "keyword"), Map.entry("description", "text")));
		assertThat(leaves).containsEntry("chemistry.SiO2.value", "double").containsEntry("chemistry.SiO2.unit", "keyword");
	}

	@Test
	void documentsAreMappedJsonWithTwentyToFortyLeaves() {
		for (int k = 0; k < DOCS; k++) {
			long i = k + 1;
			JsonNode document = samples.parsed.get(k);
			assertThat(document.path("sample_id").asString()).isEqualTo(SynthesisSamples.id(i));
			Map<String, List<JsonNode>> filled = samples.typedLeaves(i);
			assertThat(filled.size()).as("filled leaves of document %d", i).isBetween(20, 40);
			assertThat(document.path("citation").path("year").asInt()).isBetween(1965, 2025);
			assertThat(document.path("citation").path("authors").isArray()).isTrue();
		}
	}

	@Test
	void documentDependsOnItsNumberOnly() {
		assertThat(SynthesisSamples.document(42)).isEqualTo(SynthesisSamples.document(42))
			.isNotEqualTo(SynthesisSamples.document(43));
		assertThat(SynthesisSamples.GENERATOR.document(7)).isEqualTo(samples.texts.get(6));
		assertThat(SynthesisSamples.id(42)).isEqualTo("SYN-0000042");
	}

	@Test
	void numbersAndTextVary() {
		assertThat(samples.matching("\"value\":\\d+\\.\\d*0[,}]")).as("trailing zeros").isPositive();
		assertThat(samples.matching("\"value\":\\d\\.\\d+[eE][-+]?\\d+[,}]")).as("exponents").isPositive();
		assertThat(samples.strings()).anyMatch((s) -> s.contains(",") && s.contains("\""))
			.anyMatch((s) -> s.contains("\n"))
			.anyMatch((s) -> s.contains("🌋"))
			.anyMatch((s) -> s.startsWith("="))
			.anyMatch((s) -> s.startsWith("@"));
	}

	@Test
	void geoPointsUseAllThreeForms() {
		Map<String, Integer> forms = new HashMap<>();
		samples.parsed.forEach((document) -> forms.merge(
				String.valueOf(DocumentShape.geoPointForm(document.path("location").path("point"))), 1, Integer::sum));
		assertThat(forms).containsOnlyKeys("object", "string", "array");
	}

}
