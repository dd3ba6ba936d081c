package org.earthchem.export.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SearchRequestParserTest {

	private static final IndexMapping MAPPING = TestMappings.petdb();

	private static final SourceDefinition PETDB = source("petdb", List.of("sample_name", "comments", "citation.title"));

	private final SearchRequestParser parser = new SearchRequestParser();

	@Test
	void noParametersMatchEverythingAsCsv() {
		ExportQuery query = parse("");

		assertThat(query.source()).isEqualTo("petdb");
		assertThat(query.fileType()).isEqualTo(FileType.CSV);
		assertThat(query.canonicalQuery()).isEmpty();
		assertThat(query.columnPrefixes()).isEmpty();
		assertThat(query.queryJson()).isEqualTo("{\"match_all\":{}}");
	}

	@Test
	void termValuesAreOredInOneTermsFilter() {
		assertThat(parse("material=rock,glass").queryJson())
			.isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"material\":[\"glass\",\"rock\"]}}]}}");
	}

	@Test
	void termFiltersOnTheDefinedField() {
		assertThat(parse("rockType=basalt").queryJson())
			.isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"rock.type\":[\"basalt\"]}}]}}");
	}

	@Test
	void emptyTermValueIsRejected() {
		assertThat(errors("material=rock,,glass")).containsExactly(error("material", "must not contain an empty value"));
		assertThat(errors("material=")).containsExactly(error("material", "must not be empty"));
	}

	@Test
	void termOnANumberFieldTakesNumbersWrittenVerbatim() {
		assertThat(parse("elevation=12.50,-3").queryJson())
			.isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"location.elevation_m\":[-3,12.50]}}]}}");
		assertThat(errors("elevation=12,high")).containsExactly(error("elevation", "values must be numbers"));
	}

	@Test
	void termOnABooleanFieldTakesTrueOrFalse() {
		assertThat(parse("public=true").queryJson())
			.isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"public\":[true]}}]}}");
		assertThat(errors("public=yes")).containsExactly(error("public", "values must be true or false"));
	}

	@Test
	void rangeBoundsAreInclusiveAndNumbersStayAsGiven() {
		assertThat(parse("elevationRange.min=45.20&elevationRange.max=52").queryJson()).isEqualTo(
				"{\"bool\":{\"filter\":[{\"range\":{\"location.elevation_m\":{\"gte\":45.20,\"lte\":52}}}]}}");
	}

	@Test
	void rangeWithOneBoundHasOnlyThatBound() {
		assertThat(parse("year.max=2001").queryJson())
			.isEqualTo("{\"bool\":{\"filter\":[{\"range\":{\"citation.year\":{\"lte\":2001}}}]}}");
	}

	@Test
	void numberThatJsonCannotSpellIsNormalised() {
		assertThat(parse("elevationRange.min=.5&elevationRange.max=%2B45").queryJson()).isEqualTo(
				"{\"bool\":{\"filter\":[{\"range\":{\"location.elevation_m\":{\"gte\":0.5,\"lte\":45}}}]}}");
	}

	@Test
	void rangeOnAFieldBelowANestedFieldIsANestedQueryOnItsPath() {
		assertThat(parse("sio2.min=50").queryJson()).isEqualTo("{\"bool\":{\"filter\":[{\"nested\":{\"path\":"
				+ "\"chemistry.whole_rock\",\"query\":{\"bool\":{\"filter\":[{\"range\":"
				+ "{\"chemistry.whole_rock.major.SiO2.value\":{\"gte\":50}}}]}}}}]}}");
	}

	@Test
	void filtersBelowTheSameNestedFieldShareOneNestedQuerySoTheyHoldInTheSameObject() {
		assertThat(parse("sio2.min=40&sio2.max=50&material=rock&mgo.max=8").queryJson()).isEqualTo(
				"{\"bool\":{\"filter\":[{\"terms\":{\"material\":[\"rock\"]}},{\"nested\":{\"path\":"
						+ "\"chemistry.whole_rock\",\"query\":{\"bool\":{\"filter\":["
						+ "{\"range\":{\"chemistry.whole_rock.major.MgO.value\":{\"lte\":8}}},"
						+ "{\"range\":{\"chemistry.whole_rock.major.SiO2.value\":{\"gte\":40,\"lte\":50}}}]}}}}]}}");
	}

	@Test
	void filtersBelowANestedFieldWithinANestedFieldAreNestedOnEachLevel() {
		assertThat(parseAnalyses("analyte=SiO2&method=XRF&value.min=50").queryJson()).isEqualTo(
				"{\"bool\":{\"filter\":[{\"nested\":{\"path\":\"analyses\",\"query\":{\"bool\":{\"filter\":["
						+ "{\"nested\":{\"path\":\"analyses.values\",\"query\":{\"bool\":{\"filter\":["
						+ "{\"terms\":{\"analyses.values.analyte\":[\"SiO2\"]}},"
						+ "{\"range\":{\"analyses.values.value\":{\"gte\":50}}}]}}}},"
						+ "{\"terms\":{\"analyses.method\":[\"XRF\"]}}]}}}}]}}");
	}

	@Test
	void filtersBelowDifferentNestedFieldsAreSeparateNestedQueries() {
		assertThat(parseAnalyses("glassSio2.min=1&method=XRF").queryJson()).isEqualTo(
				"{\"bool\":{\"filter\":[{\"nested\":{\"path\":\"glass\",\"query\":{\"bool\":{\"filter\":["
						+ "{\"range\":{\"glass.SiO2\":{\"gte\":1}}}]}}}},"
						+ "{\"nested\":{\"path\":\"analyses\",\"query\":{\"bool\":{\"filter\":["
						+ "{\"terms\":{\"analyses.method\":[\"XRF\"]}}]}}}}]}}");
	}

	@Test
	void dateRangeBoundsAreStringsWithTheirFormat() {
		assertThat(parse("collected.min=2020-01-01&collected.max=2020-12-31").queryJson()).isEqualTo(
				"{\"bool\":{\"filter\":[{\"range\":{\"collected\":{\"gte\":\"2020-01-01\",\"lte\":\"2020-12-31\",\"format\":\"yyyy-MM-dd\"}}}]}}");
	}

	@Test
	void rangeValueThatIsNotANumberNamesTheBound() {
		assertThat(errors("sio2.min=abc")).containsExactly(error("sio2.min", "must be a number"));
	}

	@Test
	void dateBoundThatIsNotADateIsRejected() {
		assertThat(errors("collected.min=01/02/2020&collected.max=2021-02-30")).containsExactly(
				error("collected.max", "must be a date (yyyy-MM-dd)"), error("collected.min", "must be a date (yyyy-MM-dd)"));
	}

	@Test
	void rangeParameterWithoutMinOrMaxIsRejected() {
		assertThat(errors("sio2=45")).containsExactly(error("sio2", "use sio2.min and/or sio2.max"));
	}

	@Test
	void minGreaterThanMaxIsAnErrorOnMax() {
		assertThat(errors("sio2.min=52&sio2.max=45")).containsExactly(error("sio2.max", "must not be less than sio2.min"));
		assertThat(errors("collected.min=2021-01-01&collected.max=2020-01-01"))
			.containsExactly(error("collected.max", "must not be less than collected.min"));
	}

	@Test
	void minEqualToMaxIsAllowed() {
		assertThat(parse("sio2.min=45.0&sio2.max=45").queryJson()).contains("{\"gte\":45.0,\"lte\":45}");
	}

	@Test
	void boundsOtherThanMinAndMaxAreUnknown() {
		assertThat(errors("sio2.avg=45&material.min=a")).containsExactly(error("material.min", "unknown parameter"),
				error("sio2.avg", "unknown parameter"));
	}

	@Test
	void bboxBecomesAGeoBoundingBox() {
		assertThat(parse("bbox=-30.5,10,-20,40.25").queryJson()).isEqualTo("{\"bool\":{\"filter\":[{\"geo_bounding_box\":"
				+ "{\"location.point\":{\"top_left\":{\"lat\":40.25,\"lon\":-30.5},\"bottom_right\":{\"lat\":10,\"lon\":-20}}}}]}}");
	}

	@Test
	void bboxWithThreeNumbersIsRejected() {
		assertThat(errors("bbox=1,2,3")).containsExactly(error("bbox", "must be minLon,minLat,maxLon,maxLat"));
	}

	@Test
	void bboxWithSomethingElseThanNumbersIsRejected() {
		assertThat(errors("bbox=1,2,x,4")).containsExactly(error("bbox", "must be minLon,minLat,maxLon,maxLat"));
	}

	@Test
	void bboxLongitudesMustBeWithin180() {
		assertThat(errors("bbox=-181,0,10,10")).containsExactly(
				error("bbox", "must be minLon,minLat,maxLon,maxLat, with longitudes between -180 and 180"));
	}

	@Test
	void bboxLatitudesMustBeWithin90() {
		assertThat(errors("bbox=0,-90,10,90.5")).containsExactly(
				error("bbox", "must be minLon,minLat,maxLon,maxLat, with latitudes between -90 and 90"));
	}

	@Test
	void bboxMinLatMustNotExceedMaxLat() {
		assertThat(errors("bbox=0,20,10,10")).containsExactly(
				error("bbox", "must be minLon,minLat,maxLon,maxLat, with minLat not greater than maxLat"));
	}

	@Test
	void bboxMayCrossTheAntimeridian() {
		assertThat(parse("bbox=170,-10,-170,10").queryJson())
			.contains("\"top_left\":{\"lat\":10,\"lon\":170},\"bottom_right\":{\"lat\":-10,\"lon\":-170}");
	}

	@Test
	void textSearchesTheTextFieldsWithEveryWord() {
		assertThat(parse("q=pillow+basalt").queryJson()).isEqualTo("{\"bool\":{\"must\":[{\"simple_query_string\":"
				+ "{\"query\":\"pillow basalt\",\"fields\":[\"sample_name\",\"comments\",\"citation.title\"],"
				+ "\"default_operator\":\"and\",\"flags\":\"AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE\"}}]}}");
	}

	@Test
	void textAndFiltersAreCombinedInOneBoolQuery() {
		assertThat(parse("q=basalt&material=rock").queryJson()).isEqualTo("{\"bool\":{\"filter\":[{\"terms\":"
				+ "{\"material\":[\"rock\"]}}],\"must\":[{\"simple_query_string\":{\"query\":\"basalt\",\"fields\":"
				+ "[\"sample_name\",\"comments\",\"citation.title\"],\"default_operator\":\"and\","
				+ "\"flags\":\"AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE\"}}]}}");
	}

	@Test
	void filtersAreInParameterNameOrder() {
		assertThat(parse("year.min=2000&material=rock&bbox=0,0,1,1").queryJson())
			.matches(".*geo_bounding_box.*terms.*range.*");
	}

	@Test
	void textIsNotAvailableWithoutTextFields() {
		SourceDefinition noText = source("petdb", List.of());

		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> this.parser.parse(noText, MAPPING, parameters("q=basalt")))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(error("q", "full-text search is not available for this source")));
	}

	@Test
	void emptyTextIsRejected() {
		assertThat(errors("q=")).containsExactly(error("q", "must not be empty"));
	}

	@Test
	void columnPrefixesAreKeptSorted() {
		ExportQuery query = parse("columns=sample_id,chemistry.whole_rock");

		assertThat(query.columnPrefixes()).containsExactly("chemistry.whole_rock", "sample_id");
		assertThat(query.queryJson()).isEqualTo("{\"match_all\":{}}");
	}

	@Test
	void unknownColumnPrefixIsRejected() {
		assertThat(errors("columns=sample_id,chemistry.x")).containsExactly(error("columns", "no column starts with 'chemistry.x'"));
	}

	@Test
	void columnPrefixMustEndAtASegment() {
		assertThat(errors("columns=chemistry.whole")).containsExactly(error("columns", "no column starts with 'chemistry.whole'"));
	}

	@Test
	void emptyColumnPrefixIsRejected() {
		assertThat(errors("columns=sample_id,")).containsExactly(error("columns", "must not contain an empty prefix"));
	}

	@Test
	void fileTypeChoosesTheFormatInAnyCase() {
		assertThat(parse("fileType=json").fileType()).isEqualTo(FileType.JSON);
		assertThat(parse("fileType=CSV").fileType()).isEqualTo(FileType.CSV);
	}

	@Test
	void fileTypeChoosesJsonLinesAndXlsx() {
		assertThat(parse("fileType=ndjson").fileType()).isEqualTo(FileType.NDJSON);
		assertThat(parse("fileType=XLSX").fileType()).isEqualTo(FileType.XLSX);
	}

	@Test
	void compressionIsNoneUnlessGzipIsAsked() {
		assertThat(parse("fileType=csv").compression()).isEqualTo(Compression.NONE);
		assertThat(parse("fileType=ndjson&compression=gzip").compression()).isEqualTo(Compression.GZIP);
		assertThat(parse("compression=none").compression()).isEqualTo(Compression.NONE);
	}

	@Test
	void compressionIsNotPartOfTheQueryKey() {
		assertThat(parse("material=rock&compression=gzip").queryKey()).isEqualTo(parse("material=rock").queryKey());
	}

	@Test
	void gzipWithXlsxIsRejectedNamingCompression() {
		assertThat(errors("fileType=xlsx&compression=gzip")).containsExactly(error("compression",
				"gzip does not apply to xlsx files, which are compressed already; leave compression out or use none"));
	}

	@Test
	void compressionOtherThanNoneOrGzipIsRejected() {
		assertThat(errors("compression=zip")).containsExactly(error("compression", "must be none or gzip"));
	}

	@Test
	void fileTypeOtherThanTheFourFormatsIsRejected() {
		assertThat(errors("fileType=xml")).containsExactly(error("fileType", "must be one of csv, json, ndjson, xlsx"));
	}

	@Test
	void unknownParameterIsRejected() {
		assertThat(errors("color=red")).containsExactly(error("color", "unknown parameter"));
	}

	@Test
	void parameterGivenTwiceIsRejected() {
		assertThat(errors("material=rock&material=glass")).containsExactly(error("material", "given more than once"));
	}

	@Test
	void everyBadParameterIsListedByName() {
		assertThat(errors("sio2.min=abc&bbox=1,2,3&columns=x&fileType=xml&color=red&material=rock"))
			.containsExactly(error("bbox", "must be minLon,minLat,maxLon,maxLat"), error("color", "unknown parameter"),
					error("columns", "no column starts with 'x'"), error("fileType", "must be one of csv, json, ndjson, xlsx"),
					error("sio2.min", "must be a number"));
	}

	@Test
	void invalidParametersMessageListsEachError() {
		assertThatExceptionOfType(InvalidParametersException.class).isThrownBy(() -> parse("sio2.min=abc&color=red"))
			.withMessage("Invalid search parameters: color: unknown parameter; sio2.min: must be a number");
	}

	@Test
	void canonicalQuerySortsNamesAndValues() {
		assertThat(parse("sio2.min=45&rockType=basalt&material=rock,glass").canonicalQuery())
			.isEqualTo("material=glass,rock&rockType=basalt&sio2.min=45");
	}

	@Test
	void canonicalQueryIncludesColumnsAndExcludesFileType() {
		assertThat(parse("fileType=json&columns=sample_id,chemistry&q=basalt").canonicalQuery())
			.isEqualTo("columns=chemistry,sample_id&q=basalt");
	}

	@Test
	void canonicalQueryIsFormEncoded() {
		assertThat(parse("q=pillow+basalt%26glass&material=a%2Fb,c+d").canonicalQuery())
			.isEqualTo("material=a%2Fb,c+d&q=pillow+basalt%26glass");
	}

	@Test
	void canonicalQueryDropsRepeatedValues() {
		assertThat(parse("material=rock,glass,rock").canonicalQuery()).isEqualTo("material=glass,rock");
	}

	@Test
	void queryKeyIsTheSha256OfSourceAndCanonicalQuery() throws Exception {
		ExportQuery query = parse("material=rock&sio2.min=45");

		byte[] digest = MessageDigest.getInstance("SHA-256")
			.digest("petdb?material=rock&sio2.min=45".getBytes(StandardCharsets.UTF_8));
		assertThat(query.queryKey()).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64).matches("[0-9a-f]{64}");
	}

	@Test
	void queryKeyDoesNotDependOnParameterOrValueOrder() {
		String key = parse("material=rock,glass&sio2.min=45&bbox=0,0,10,10").queryKey();

		assertThat(parse("bbox=0,0,10,10&sio2.min=45&material=glass,rock").queryKey()).isEqualTo(key);
	}

	@Test
	void queryKeyDoesNotDependOnFileType() {
		String key = parse("material=rock").queryKey();

		assertThat(parse("material=rock&fileType=json").queryKey()).isEqualTo(key);
		assertThat(parse("fileType=csv&material=rock").queryKey()).isEqualTo(key);
	}

	@Test
	void queryKeyDependsOnTheSource() {
		SourceDefinition other = source("other", List.of());

		assertThat(this.parser.parse(other, MAPPING, parameters("material=rock")).queryKey())
			.isNotEqualTo(parse("material=rock").queryKey());
	}

	@Test
	void sourceThatDoesNotFitTheMappingIsAServerFault() {
		SourceDefinition broken = new SourceDefinition("petdb", "PetDB", "petdb-samples", "sample_id", List.of(),
				Map.of("sio2", new ParameterDefinition("chemistry.x", ParameterKind.RANGE)), null, "petdb.yml");

		assertThatExceptionOfType(SourceDefinitionException.class)
			.isThrownBy(() -> this.parser.parse(broken, MAPPING, parameters("sio2.min=1")));
	}

	private ExportQuery parse(String query) {
		return this.parser.parse(PETDB, MAPPING, parameters(query));
	}

	// analyses (nested) hold a method and values (nested within), each an analyte and its value; glass is nested too
	private ExportQuery parseAnalyses(String query) {
		IndexMapping mapping = TestMappings.parse("""
				{
				  "sample_id": { "type": "keyword" },
				  "analyses": { "type": "nested", "properties": {
				    "method": { "type": "keyword" },
				    "values": { "type": "nested", "properties": {
				      "analyte": { "type": "keyword" }, "value": { "type": "double" }
				    } }
				  } },
				  "glass": { "type": "nested", "properties": { "SiO2": { "type": "double" } } }
				}
				""");
		Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
		parameters.put("method", new ParameterDefinition("analyses.method", ParameterKind.TERM));
		parameters.put("analyte", new ParameterDefinition("analyses.values.analyte", ParameterKind.TERM));
		parameters.put("value", new ParameterDefinition("analyses.values.value", ParameterKind.RANGE));
		parameters.put("glassSio2", new ParameterDefinition("glass.SiO2", ParameterKind.RANGE));
		SourceDefinition source = new SourceDefinition("analyses", "Analyses", "analyses", "sample_id", List.of(),
				parameters, null, "analyses.yml");
		return this.parser.parse(source, mapping, parameters(query));
	}

	private List<ParameterError> errors(String query) {
		try {
			ExportQuery parsed = parse(query);
			throw new AssertionError("Expected invalid parameters, got " + parsed);
		}
		catch (InvalidParametersException ex) {
			return ex.errors();
		}
	}

	private static ParameterError error(String parameter, String message) {
		return new ParameterError(parameter, message);
	}

	// what a servlet request's parameter map holds for a query string: names in order, each with its values
	private static Map<String, List<String>> parameters(String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static SourceDefinition source(String name, List<String> textFields) {
		Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
		parameters.put("material", new ParameterDefinition("material", ParameterKind.TERM));
		parameters.put("rockType", new ParameterDefinition("rock.type", ParameterKind.TERM));
		parameters.put("elevation", new ParameterDefinition("location.elevation_m", ParameterKind.TERM));
		parameters.put("public", new ParameterDefinition("public", ParameterKind.TERM));
		parameters.put("elevationRange", new ParameterDefinition("location.elevation_m", ParameterKind.RANGE));
		parameters.put("sio2", new ParameterDefinition("chemistry.whole_rock.major.SiO2.value", ParameterKind.RANGE));
		parameters.put("mgo", new ParameterDefinition("chemistry.whole_rock.major.MgO.value", ParameterKind.RANGE));
		parameters.put("year", new ParameterDefinition("citation.year", ParameterKind.RANGE));
		parameters.put("collected", new ParameterDefinition("collected", ParameterKind.RANGE));
		parameters.put("bbox", new ParameterDefinition("location.point", ParameterKind.GEO_BBOX));
		return new SourceDefinition(name, name, "petdb-samples", "sample_id", textFields, parameters, null, name + ".yml");
	}

}
