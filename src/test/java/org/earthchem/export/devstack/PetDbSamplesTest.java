package org.earthchem.export.devstack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The PetDB generator's mapping and documents, checked without a server. */
class PetDbSamplesTest {

	private static final int DOCS = 1000;

	private static GeneratedSamples samples;

	private static Map<String, String> leaves;

	@BeforeAll
	static void generate() {
		samples = new GeneratedSamples(PetDbSamples.mappingJson(), PetDbSamples::document, DOCS);
		leaves = samples.leaves;
	}

	@Test
	void mappingHasExactly2897LeavesListedByLeafPaths() {
		assertThat(leaves).hasSize(2897);
		assertThat(PetDbSamples.leafPaths()).containsExactlyElementsOf(leaves.keySet());
	}

	@Test
	void mappingIsInTheOrderOpenSearchReturnsIt() {
		JsonNode mappings = DocumentShape.JSON.readTree(PetDbSamples.mappingJson()).path("mappings");
		assertThat(DocumentShape.sortedAtEveryLevel(mappings.path("properties"))).isTrue();
	}

	@Test
	void settingsAllowTheWideMappingOnOneShard() {
		JsonNode body = DocumentShape.JSON.readTree(PetDbSamples.mappingJson());
		assertThat(body.path("settings").path("number_of_shards").asInt()).isEqualTo(1);
		assertThat(body.path("settings").path("number_of_replicas").asInt()).isZero();
		assertThat(body.path("settings").path("index.mapping.total_fields.limit").asInt()).isEqualTo(6000);
		assertThat(body.path("mappings").path("dynamic").isBoolean()).isTrue();
		assertThat(body.path("mappings").path("dynamic").booleanValue()).isFalse();
	}

	@Test
	void metadataLeavesHaveTheAgreedNamesAndTypes() {
		Map<String, String> metadata = new LinkedHashMap<>(leaves);
		metadata.keySet().removeIf((path) -> path.startsWith("chemistry."));
		Map<String, String> expected = new HashMap<>();
		for (String keyword : List.of("sample_id", "igsn", "material", "rock.type", "rock.class", "rock.texture",
				"tectonic_setting", "location.locality", "location.ocean", "expedition.id", "expedition.ship",
				"expedition.leg", "citation.doi", "citation.journal", "citation.authors.name",
				"citation.authors.affiliation", "tags", "age.unit", "age.method", "archive.institution", "archive.url")) {
			expected.put(keyword, "keyword");
		}
		for (String text : List.of("sample_name", "citation.title", "comments")) {
			expected.put(text, "text");
		}
		for (String number : List.of("location.elevation_m", "location.depth_m", "age.value")) {
			expected.put(number, "double");
		}
		expected.put("location.precision_km", "float");
		expected.put("citation.year", "integer");
		expected.put("archive.sample_count", "integer");
		expected.put("collected", "date");
		expected.put("location.point", "geo_point");
		expected.put("analyzed", "boolean");
		assertThat(metadata).hasSize(33).isEqualTo(expected);
	}

	@Test
	void chemistryHasValueUnitMethodStdevPerAnalyteForFourMaterials() {
		Map<String, String> chemistry = new LinkedHashMap<>(leaves);
		chemistry.keySet().removeIf((path) -> !path.startsWith("chemistry."));
		assertThat(chemistry).hasSize(4 * 179 * 4);
		Set<String> materials = new HashSet<>();
		Map<String, Integer> perAnalyte = new HashMap<>();
		chemistry.forEach((path, type) -> {
			String[] parts = path.split("\\.");
			assertThat(parts).hasSize(5);
			materials.add(parts[1]);
			perAnalyte.merge(String.join(".", parts[1], parts[2], parts[3]), 1, Integer::sum);
			String expected = (parts[4].equals("value") || parts[4].equals("stdev")) ? "double" : "keyword";
			assertThat(parts[4]).isIn("value", "unit", "method", "stdev");
			assertThat(type).as(path).isEqualTo(expected);
		});
		assertThat(materials).containsExactlyInAnyOrder("whole_rock", "glass", "mineral", "inclusion");
		assertThat(perAnalyte).hasSize(4 * 179).allSatisfy((analyte, count) -> assertThat(count).isEqualTo(4));
		assertThat(chemistry).containsEntry("chemistry.whole_rock.major.SiO2.value", "double")
			.containsKeys("chemistry.glass.volatile.H2O.value", "chemistry.whole_rock.isotope.Sr87_Sr86.value",
					"chemistry.mineral.trace.La.value", "chemistry.inclusion.noble_gas.He3.value");
	}

	@Test
	void documentsAreMappedJsonOfTheRightSizeAndShape() {
		long bytes = 0;
		for (int k = 0; k < DOCS; k++) {
			long i = k + 1;
			JsonNode document = samples.parsed.get(k);
			assertThat(document.path("sample_id").asString()).isEqualTo(PetDbSamples.id(i));
			Map<String, List<JsonNode>> filled = samples.typedLeaves(i);
			assertThat(filled.size()).as("filled leaves of document %d", i).isBetween(100, 150);
			int year = document.path("citation").path("year").asInt();
			assertThat(year).isBetween(1965, 2025);
			bytes += samples.texts.get(k).getBytes(StandardCharsets.UTF_8).length;
		}
		assertThat(bytes / DOCS).isBetween(2500L, 3500L);
	}

	@Test
	void documentDependsOnItsNumberOnly() {
		List<String> backwards = new ArrayList<>();
		for (long i = DOCS; i >= 1; i--) {
			backwards.add(0, PetDbSamples.document(i));
		}
		assertThat(backwards).isEqualTo(samples.texts);
		assertThat(PetDbSamples.document(42)).isEqualTo(PetDbSamples.document(42)).isNotEqualTo(PetDbSamples.document(43));
		assertThat(PetDbSamples.id(42)).isEqualTo("PETDB-0000042");
		assertThat(PetDbSamples.GENERATOR.document(42)).isEqualTo(PetDbSamples.document(42));
	}

	@Test
	void numbersKeepTheirWrittenForm() {
		assertThat(samples.matching("[:\\[,]-?\\d\\.\\d+e-\\d+[,}\\]]")).as("lower-case negative exponents").isPositive();
		assertThat(samples.matching(":\\d\\.\\d+E\\+?\\d+[,}]")).as("upper-case exponents").isPositive();
		assertThat(samples.matching("\"value\":\\d+\\.\\d*0[,}]")).as("trailing zeros").isGreaterThan(DOCS / 2);
		assertThat(samples.matching("\"value\":0\\.\\d*0[,}]")).as("trailing zeros below one").isPositive();
		assertThat(samples.matching("\"value\":\\d+[,}]")).as("integers").isPositive();
		assertThat(samples.matching("\"value\":-\\d")).as("negative values").isPositive();
		assertThat(samples.matching("\"elevation_m\":-\\d")).as("negative elevations").isPositive();
	}

	@Test
	void someTextIsHostileToCsvAndSpreadsheets() {
		assertThat(samples.strings()).anyMatch((s) -> s.contains(","))
			.anyMatch((s) -> s.contains("\""))
			.anyMatch((s) -> s.contains("\n"))
			.anyMatch((s) -> s.contains("\r\n"))
			.anyMatch((s) -> s.contains("\t"))
			.anyMatch((s) -> s.chars().anyMatch((c) -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
			.anyMatch((s) -> s.contains("é") || s.contains("ü"))
			.anyMatch((s) -> s.contains("中文"))
			.anyMatch((s) -> s.contains("🌋"))
			.anyMatch((s) -> s.startsWith("="))
			.anyMatch((s) -> s.startsWith("+"))
			.anyMatch((s) -> s.startsWith("-"))
			.anyMatch((s) -> s.startsWith("@"))
			.contains("=HYPERLINK(\"http://x\")", "-12 dredge");
		assertThat(samples.texts).anyMatch((text) -> text.contains("\\n")).anyMatch((text) -> text.contains("\\u00"));
	}

	@Test
	void geoPointsUseAllThreeForms() {
		Map<String, Integer> forms = new HashMap<>();
		for (JsonNode document : samples.parsed) {
			String form = DocumentShape.geoPointForm(document.path("location").path("point"));
			assertThat(form).as(document.path("sample_id").asString()).isNotNull();
			forms.merge(form, 1, Integer::sum);
		}
		assertThat(forms).containsOnlyKeys("object", "string", "array");
		assertThat(forms.get("object")).isGreaterThan(DOCS / 2);
	}

}
