package org.earthchem.export.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.Sha256;
import org.earthchem.export.devstack.PetDbSamples;
import org.earthchem.export.devstack.SynthesisSamples;
import org.earthchem.export.support.Http;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole exports of the generated PetDB index (1,500 documents; 700 rows a file in the test profile) come out complete,
 * in order, split into parts, and every cell holds exactly what the document holds.
 */
class PetDbExportTest extends IntegrationTest {

	private static final JsonFactory JSON_FACTORY = new JsonFactory();

	// one export of everything as CSV, shared by the tests that look at different sides of it
	private static Export fullCsv;

	/** A finished export and the bytes of its parts. */
	private record Export(JsonNode task, List<byte[]> parts) {

		String taskId() {
			return this.task.path("taskId").asString();
		}

	}

	private Export exportAndDownload(String apiKey, String source, String query) {
		JsonNode task = export(apiKey, source, query);
		assertThat(task.path("status").asString()).as("status of %s, error %s", task.path("taskId"), task.path("error"))
			.isEqualTo("Succeeded");
		List<byte[]> parts = new ArrayList<>();
		for (int part = 1; part <= task.path("files").size(); part++) {
			parts.add(download(apiKey, task.path("taskId").asString(), part).getBody());
		}
		return new Export(task, parts);
	}

	private synchronized Export fullCsv() {
		if (fullCsv == null) {
			fullCsv = exportAndDownload(ALL_KEY, "petdb", "");
		}
		return fullCsv;
	}

	/** Leaf path to type, depth-first in the order the live mapping lists them, read straight from the node. */
	private Map<String, String> liveMapping(String index) throws Exception {
		HttpResponse<String> response = Http.get(TestStack.get().openSearchUrl() + "/" + index + "/_mapping");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, String> leaves = new LinkedHashMap<>();
		collectLeaves("", this.json.readTree(response.body()).path(index).path("mappings").path("properties"), leaves);
		return leaves;
	}

	private static void collectLeaves(String prefix, JsonNode properties, Map<String, String> leaves) {
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			if (property.getValue().has("properties")) {
				collectLeaves(prefix + property.getKey() + ".", property.getValue().get("properties"), leaves);
			}
			else {
				leaves.put(prefix + property.getKey(), property.getValue().path("type").asString());
			}
		}
	}

	private static List<CsvRecord> records(byte[] csv) {
		try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new String(csv, StandardCharsets.UTF_8))) {
			return reader.stream().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aFullCsvExportIsSplitIntoThreeNumberedPartsOf700And700And100Rows() {
		Export export = fullCsv();

		JsonNode files = export.task().path("files");
		assertThat(files).extracting((file) -> file.path("name").asString())
			.containsExactly(export.taskId() + "-part-001.csv", export.taskId() + "-part-002.csv",
					export.taskId() + "-part-003.csv");
		assertThat(files).extracting((file) -> file.path("rows").asLong()).containsExactly(700L, 700L, 100L);
		assertThat(export.parts()).extracting((part) -> records(part).size() - 1).containsExactly(700, 700, 100);
		assertThat(export.task().path("progress").path("rowsWritten").asLong()).isEqualTo(1500);
		assertThat(export.task().path("progress").path("totalRows").asLong()).isEqualTo(1500);
	}

	@Test
	void everyCsvPartHasTheColumnsOfTheLiveIndexMappingInMappingOrderAsItsHeader() throws Exception {
		List<String> columns = List.copyOf(liveMapping("petdb-samples").keySet());
		assertThat(columns).as("the generator's mapping as the node serves it").isEqualTo(PetDbSamples.leafPaths());

		for (byte[] part : fullCsv().parts()) {
			assertThat(records(part).get(0).getFields()).isEqualTo(columns);
		}
	}

	@Test
	void everyCsvRowHasAsManyFieldsAsTheHeaderAndEndsWithCrlf() {
		for (byte[] part : fullCsv().parts()) {
			List<CsvRecord> records = records(part);
			int width = records.get(0).getFieldCount();
			assertThat(records).allSatisfy((record) -> assertThat(record.getFieldCount())
				.as("fields on line %d", record.getStartingLineNumber())
				.isEqualTo(width));
			assertThat(new String(part, part.length - 2, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
		}
	}

	@Test
	void csvRowsAreInSampleIdOrderAcrossTheParts() {
		List<String> sampleIds = new ArrayList<>();
		for (byte[] part : fullCsv().parts()) {
			List<CsvRecord> records = records(part);
			int column = records.get(0).getFields().indexOf("sample_id");
			records.stream().skip(1).forEach((record) -> sampleIds.add(record.getField(column)));
		}

		List<String> expected = new ArrayList<>();
		for (long i = 1; i <= TestStack.PETDB_DOCUMENTS; i++) {
			expected.add(PetDbSamples.id(i));
		}
		assertThat(sampleIds).isEqualTo(expected);
	}

	@Test
	void everyCsvCellHoldsExactlyWhatItsDocumentHolds() throws Exception {
		assertCellsMatchTheDocuments(fullCsv(), liveMapping("petdb-samples"), PetDbSamples::document);
	}

	@Test
	void eachFileOfTheTaskHasTheSha256AndSizeOfTheDownloadedBytes() throws Exception {
		Export export = fullCsv();

		JsonNode files = export.task().path("files");
		for (int i = 0; i < files.size(); i++) {
			assertThat(files.get(i).path("bytes").asLong()).as("bytes of part %d", i + 1)
				.isEqualTo(export.parts().get(i).length);
			assertThat(files.get(i).path("sha256").asString()).as("sha256 of part %d", i + 1)
				.isEqualTo(Sha256.hex(export.parts().get(i)));
		}
	}

	@Test
	void aFullJsonExportIsOneArrayPerPartOf1500ObjectsInAllWithKeysInColumnOrder() throws Exception {
		Export export = exportAndDownload(ALL_KEY, "petdb", "fileType=json");
		List<String> columns = List.copyOf(liveMapping("petdb-samples").keySet());

		assertThat(export.task().path("files")).extracting((file) -> file.path("name").asString())
			.containsExactly(export.taskId() + "-part-001.json", export.taskId() + "-part-002.json",
					export.taskId() + "-part-003.json");
		List<String> sampleIds = new ArrayList<>();
		for (byte[] part : export.parts()) {
			JsonNode array = this.json.readTree(part);
			assertThat(array.isArray()).isTrue();
			for (JsonNode row : array) {
				List<Integer> positions = row.propertyNames().stream().map(columns::indexOf).toList();
				assertThat(positions).as("keys of %s", row.path("sample_id")).doesNotContain(-1).isSorted().doesNotHaveDuplicates();
				sampleIds.add(row.path("sample_id").asString());
			}
		}
		assertThat(sampleIds).hasSize(TestStack.PETDB_DOCUMENTS).isSorted().doesNotHaveDuplicates();
		assertThat(export.task().path("files")).extracting((file) -> file.path("rows").asLong())
			.containsExactly(700L, 700L, 100L);
	}

	@Test
	void aColumnSelectionExportHasOnlyTheColumnsUnderThatPrefixInMappingOrder() throws Exception {
		Export export = exportAndDownload(ALL_KEY, "petdb", "columns=chemistry.whole_rock.major");
		List<String> expected = liveMapping("petdb-samples").keySet()
			.stream()
			.filter((name) -> name.startsWith("chemistry.whole_rock.major."))
			.toList();

		assertThat(expected).isNotEmpty();
		for (byte[] part : export.parts()) {
			assertThat(records(part).get(0).getFields()).isEqualTo(expected);
		}
		assertThat(export.task().path("files")).extracting((file) -> file.path("rows").asLong())
			.containsExactly(700L, 700L, 100L);
	}

	@Test
	void aSynthesisExportIsOneFileWithEveryDocumentExactlyAsItHoldsIt() throws Exception {
		Export export = exportAndDownload(ALL_KEY, "synthesis", "");
		Map<String, String> mapping = liveMapping("synthesis-samples");

		assertThat(export.task().path("files")).singleElement().satisfies((file) -> {
			assertThat(file.path("name").asString()).isEqualTo(export.taskId() + ".csv");
			assertThat(file.path("rows").asLong()).isEqualTo(TestStack.SYNTHESIS_DOCUMENTS);
		});
		assertThat(records(export.parts().get(0)).get(0).getFields()).isEqualTo(List.copyOf(mapping.keySet()));
		assertCellsMatchTheDocuments(export, mapping, SynthesisSamples::document);
	}

	/** Compares every cell of every row with the document of the same number (rows are in id order from 1). */
	private static void assertCellsMatchTheDocuments(Export export, Map<String, String> mapping,
			LongFunction<String> documents) {
		List<String> mismatches = new ArrayList<>();
		long documentNumber = 0;
		for (byte[] part : export.parts()) {
			List<CsvRecord> records = records(part);
			List<String> header = records.get(0).getFields();
			for (CsvRecord record : records.subList(1, records.size())) {
				documentNumber++;
				Map<String, String> expected = ExpectedCells.of(documents.apply(documentNumber), mapping);
				Map<String, String> actual = new LinkedHashMap<>();
				for (int i = 0; i < header.size(); i++) {
					if (!record.getField(i).isEmpty()) {
						actual.put(header.get(i), record.getField(i));
					}
				}
				if (!actual.equals(expected)) {
					mismatches.add("document " + documentNumber + ": expected " + difference(expected, actual)
							+ " but the file has " + difference(actual, expected));
				}
			}
		}
		assertThat(documentNumber).isEqualTo(export.task().path("files").findValuesAsString("rows").stream()
			.mapToLong(Long::parseLong).sum());
		assertThat(mismatches).as("rows that differ from their documents").isEmpty();
	}

	private static Map<String, String> difference(Map<String, String> a, Map<String, String> b) {
		Map<String, String> only = new LinkedHashMap<>();
		a.forEach((key, value) -> {
			if (!value.equals(b.get(key))) {
				only.put(key, value);
			}
		});
		return only;
	}

	/**
	 * What the export contract says a document's CSV cells are, worked out on its own from the document text: the
	 * values of each mapped leaf (arrays and arrays of objects gathered in document order) joined with {@code "; "},
	 * numbers as their exact text, geo points as {@code lat,lon}, and every cell but a single number or boolean that
	 * starts like a formula prefixed with {@code '}. Only non-empty cells are listed.
	 */
	static final class ExpectedCells {

		private final Map<String, String> mapping;

		private final Map<String, List<String>> values = new LinkedHashMap<>();

		private final Map<String, Boolean> text = new LinkedHashMap<>();

		private ExpectedCells(Map<String, String> mapping) {
			this.mapping = mapping;
		}

		static Map<String, String> of(String document, Map<String, String> mapping) {
			ExpectedCells cells = new ExpectedCells(mapping);
			try (JsonParser parser = JSON_FACTORY.createParser(ObjectReadContext.empty(), document)) {
				assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
				cells.object(parser, "");
			}
			Map<String, String> result = new LinkedHashMap<>();
			cells.values.forEach((path, list) -> {
				String cell = String.join("; ", list);
				// only a cell of one number or boolean is left alone; points and joined values are text
				boolean text = cells.text.getOrDefault(path, false) || list.size() > 1;
				if (text && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
					cell = "'" + cell;
				}
				if (!cell.isEmpty()) {
					result.put(path, cell);
				}
			});
			return result;
		}

		private void object(JsonParser parser, String prefix) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String path = prefix + parser.currentName();
				value(parser, parser.nextToken(), path);
			}
		}

		private void value(JsonParser parser, JsonToken token, String path) {
			String type = this.mapping.get(path);
			if ("geo_point".equals(type)) {
				add(path, point(parser, token), true);
				return;
			}
			switch (token) {
				case START_OBJECT -> {
					assertThat(type).as("an object where the mapping has leaf %s", path).isNull();
					object(parser, path + ".");
				}
				case START_ARRAY -> {
					JsonToken element;
					while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
						value(parser, element, path);
					}
				}
				case VALUE_STRING -> add(path, parser.getString(), true);
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> add(path, parser.getString(), false);
				case VALUE_TRUE -> add(path, "true", false);
				case VALUE_FALSE -> add(path, "false", false);
				default -> {
					// null: no value
				}
			}
		}

		private void add(String path, String value, boolean isText) {
			if (!this.mapping.containsKey(path)) {
				return;
			}
			this.values.computeIfAbsent(path, (p) -> new ArrayList<>()).add(value);
			this.text.merge(path, isText, Boolean::logicalOr);
		}

		/** A geo point of the generators: {@code {"lat","lon"}}, {@code "lat,lon"} or {@code [lon, lat]}. */
		private static String point(JsonParser parser, JsonToken token) {
			if (token == JsonToken.VALUE_STRING) {
				return parser.getString();
			}
			if (token == JsonToken.START_ARRAY) {
				parser.nextToken();
				String lon = parser.getString();
				parser.nextToken();
				String lat = parser.getString();
				assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
				return lat + "," + lon;
			}
			assertThat(token).isEqualTo(JsonToken.START_OBJECT);
			Map<String, String> fields = new LinkedHashMap<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				fields.put(name, parser.getString());
			}
			return fields.get("lat") + "," + fields.get("lon");
		}

	}

}
