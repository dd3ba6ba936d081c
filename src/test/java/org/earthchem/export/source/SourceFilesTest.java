package org.earthchem.export.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SourceFilesTest {

	private static final Path REAL = Path.of("batch-config/sources");

	// a valid file to break one key at a time
	private static final String VALID = """
			name: petdb
			title: PetDB
			index: petdb-samples
			sortField: sample_id
			textFields: [sample_name, comments]
			parameters:
			  material: { field: material, kind: term }
			  sio2: { field: chemistry.whole_rock.major.SiO2.value, kind: range }
			  bbox: { field: location.point, kind: geo_bbox }
			columns: mapping
			""";

	@TempDir
	Path dir;

	@Test
	void loadsTheRealSourceFilesSortedByFileName() {
		assertThat(SourceFiles.load(REAL)).extracting(SourceDefinition::name).containsExactly("petdb", "synthesis");
	}

	@Test
	void realPetdbFileReadsAsWritten() {
		SourceDefinition petdb = SourceFiles.load(REAL).get(0);

		assertThat(petdb.title()).isEqualTo("PetDB");
		assertThat(petdb.index()).isEqualTo("petdb-samples");
		assertThat(petdb.sortField()).isEqualTo("sample_id");
		assertThat(petdb.textFields()).containsExactly("sample_name", "comments", "citation.title");
		assertThat(petdb.parameters()).containsExactly(
				entry("material", "material", ParameterKind.TERM), entry("rockType", "rock.type", ParameterKind.TERM),
				entry("rockClass", "rock.class", ParameterKind.TERM),
				entry("tectonicSetting", "tectonic_setting", ParameterKind.TERM),
				entry("ocean", "location.ocean", ParameterKind.TERM),
				entry("sio2", "chemistry.whole_rock.major.SiO2.value", ParameterKind.RANGE),
				entry("mgo", "chemistry.whole_rock.major.MgO.value", ParameterKind.RANGE),
				entry("year", "citation.year", ParameterKind.RANGE), entry("collected", "collected", ParameterKind.RANGE),
				entry("bbox", "location.point", ParameterKind.GEO_BBOX));
		assertThat(petdb.columns()).isNull();
		assertThat(petdb.file()).isEqualTo(REAL.resolve("petdb.yml").toString());
	}

	@Test
	void realSynthesisFileReadsAsWritten() {
		SourceDefinition synthesis = SourceFiles.load(REAL).get(1);

		assertThat(synthesis.title()).isEqualTo("Synthesis");
		assertThat(synthesis.index()).isEqualTo("synthesis-samples");
		assertThat(synthesis.textFields()).containsExactly("title", "description");
		assertThat(synthesis.parameters()).containsExactly(entry("material", "material", ParameterKind.TERM),
				entry("rockType", "rock_type", ParameterKind.TERM), entry("dataset", "dataset_id", ParameterKind.TERM),
				entry("year", "citation.year", ParameterKind.RANGE), entry("collected", "collected", ParameterKind.RANGE),
				entry("sio2", "chemistry.SiO2.value", ParameterKind.RANGE),
				entry("bbox", "location.point", ParameterKind.GEO_BBOX));
		assertThat(synthesis.columns()).isNull();
	}

	@Test
	void realSourcesFitTheirMappings() {
		List<SourceDefinition> sources = SourceFiles.load(REAL);

		assertThatNoException().isThrownBy(() -> SourceMappingCheck.check(sources.get(0), TestMappings.petdb()));
		assertThatNoException().isThrownBy(() -> SourceMappingCheck.check(sources.get(1), TestMappings.synthesis()));
	}

	@Test
	void onlyYmlFilesAreRead() throws IOException {
		write("petdb.yml", VALID);
		write("notes.txt", "not a source");
		write("old.yml.bak", "name: old");

		assertThat(SourceFiles.load(this.dir)).extracting(SourceDefinition::name).containsExactly("petdb");
	}

	@Test
	void optionalKeysHaveDefaults() throws IOException {
		write("petdb.yml", "name: petdb\nindex: petdb-samples\nsortField: sample_id\n");

		SourceDefinition source = SourceFiles.load(this.dir).get(0);
		assertThat(source.title()).isEqualTo("petdb");
		assertThat(source.textFields()).isEmpty();
		assertThat(source.parameters()).isEmpty();
		assertThat(source.columnsFromMapping()).isTrue();
	}

	@Test
	void explicitColumnsAreReadInOrder() throws IOException {
		write("petdb.yml", VALID.replace("columns: mapping", "columns: [sample_id, citation.year, location.point]"));

		assertThat(SourceFiles.load(this.dir).get(0).columns()).containsExactly("sample_id", "citation.year", "location.point");
	}

	@Test
	void unknownFieldIsNamedWithFileKeyAndIndex() throws IOException {
		SourceDefinition source = load(VALID.replace("chemistry.whole_rock.major.SiO2.value", "chemistry.x"));

		assertThatExceptionOfType(SourceDefinitionException.class)
			.isThrownBy(() -> SourceMappingCheck.check(source, TestMappings.petdb()))
			.withMessage(file() + ": parameters.sio2.field: 'chemistry.x' is not a field of index petdb-samples");
	}

	@Test
	void objectIsNotAField() throws IOException {
		assertMisfits(VALID.replace("textFields: [sample_name, comments]", "textFields: [sample_name, rock]"),
				"textFields[1]: 'rock' is an object of index petdb-samples, not a field; name one of its fields");
	}

	@Test
	void rangeOnAKeywordIsRejected() throws IOException {
		assertMisfits(VALID.replace("chemistry.whole_rock.major.SiO2.value", "material"),
				"parameters.sio2.field: 'material' is a keyword field of index petdb-samples; "
						+ "a range parameter needs a number or date field");
	}

	@Test
	void termOnATextFieldIsRejected() throws IOException {
		assertMisfits(VALID.replace("{ field: material, kind: term }", "{ field: comments, kind: term }"),
				"parameters.material.field: 'comments' is a text field of index petdb-samples; "
						+ "a term parameter needs a keyword, number or boolean field");
	}

	@Test
	void geoBboxNeedsAGeoPoint() throws IOException {
		SourceDefinition source = load(VALID.replace("{ field: location.point, kind: geo_bbox }",
				"{ field: location.ocean, kind: geo_bbox }"));

		assertThat(validationProblems(source)).singleElement().asString()
			.endsWith("parameters.bbox.field: 'location.ocean' is a keyword field of index petdb-samples; "
					+ "a geo_bbox parameter needs a geo_point field");
	}

	@Test
	void sortFieldMustBeAKeyword() throws IOException {
		assertMisfits(VALID.replace("sortField: sample_id", "sortField: sample_name"),
				"sortField: 'sample_name' is a text field of index petdb-samples; sortField must be a keyword field");
	}

	@Test
	void textFieldsMustBeTextOrKeyword() throws IOException {
		SourceDefinition source = load(VALID.replace("[sample_name, comments]", "[sample_name, citation.year]"));

		assertThat(validationProblems(source)).singleElement().asString()
			.endsWith("textFields[1]: 'citation.year' is a number field of index petdb-samples; "
					+ "textFields must be text or keyword fields");
	}

	@Test
	void textFieldBelowANestedFieldIsRejected() throws IOException {
		assertMisfits(VALID.replace("[sample_name, comments]", "[sample_name, chemistry.whole_rock.major.SiO2.unit]"),
				"textFields[1]: 'chemistry.whole_rock.major.SiO2.unit' is below the nested field 'chemistry.whole_rock' "
						+ "of index petdb-samples; full-text search does not reach into nested fields");
	}

	@Test
	void sortFieldBelowANestedFieldIsRejected() throws IOException {
		assertMisfits(VALID.replace("sortField: sample_id", "sortField: chemistry.whole_rock.major.SiO2.unit"),
				"sortField: 'chemistry.whole_rock.major.SiO2.unit' is below the nested field 'chemistry.whole_rock' of "
						+ "index petdb-samples; sortField must be one value per document, outside nested fields");
	}

	@Test
	void explicitColumnsMustBeFields() throws IOException {
		assertMisfits(VALID.replace("columns: mapping", "columns: [sample_id, igsn2]"),
				"columns[1]: 'igsn2' is not a field of index petdb-samples");
	}

	@Test
	void everyMappingProblemIsListed() throws IOException {
		SourceDefinition source = load(VALID.replace("sortField: sample_id", "sortField: nope")
			.replace("chemistry.whole_rock.major.SiO2.value", "material"));

		assertThat(validationProblems(source)).hasSize(2);
	}

	@Test
	void duplicateParameterNameIsRejected() throws IOException {
		assertRejected(VALID.replace("  bbox:", "  material: { field: rock.type, kind: term }\n  bbox:"),
				"parameters.material: the parameter name 'material' is defined more than once");
	}

	@Test
	void reservedParameterNamesAreRejected() throws IOException {
		String reserved = VALID.replace("  bbox:", "  q: { field: comments, kind: term }\n"
				+ "  columns: { field: material, kind: term }\n  fileType: { field: material, kind: term }\n  bbox:");

		assertRejected(reserved,
				"parameters.q: 'q' is reserved for full-text search; choose another parameter name",
				"parameters.columns: 'columns' is reserved for column selection; choose another parameter name",
				"parameters.fileType: 'fileType' is reserved for the output format; choose another parameter name");
	}

	@Test
	void bboxIsReservedForTheGeoBboxParameter() throws IOException {
		assertRejected(VALID.replace("{ field: location.point, kind: geo_bbox }", "{ field: material, kind: term }"),
				"parameters.bbox: 'bbox' is reserved for the geo_bbox parameter; choose another parameter name");
	}

	@Test
	void parameterNameWithADotIsRejected() throws IOException {
		assertThat(syntaxProblems(VALID.replace("  sio2:", "  sio2.x:"))).singleElement().asString()
			.startsWith(file() + ": parameters.sio2.x: 'sio2.x' is not a parameter name");
	}

	@Test
	void unknownKeyIsRejected() throws IOException {
		assertRejected(VALID + "sortOrder: asc\n",
				"sortOrder: unknown key; the keys are name, title, index, sortField, textFields, parameters, columns");
	}

	@Test
	void unknownParameterKeyIsRejected() throws IOException {
		assertRejected(VALID.replace("kind: geo_bbox", "kind: geo_bbox, unit: deg"),
				"parameters.bbox.unit: unknown key; a parameter has the keys field and kind");
	}

	@Test
	void badKindIsRejected() throws IOException {
		assertRejected(VALID.replace("kind: range", "kind: between"),
				"parameters.sio2.kind: 'between' is not a kind: use term, range or geo_bbox");
	}

	@Test
	void parameterWithoutFieldOrKindIsRejected() throws IOException {
		assertRejected(VALID.replace("{ field: material, kind: term }", "{ }"),
				"parameters.material.field: is required",
				"parameters.material.kind: is required: term, range or geo_bbox");
	}

	@Test
	void requiredKeysAreRequired() throws IOException {
		assertRejected("name: petdb\ntitle: PetDB\n", "index: is required", "sortField: is required");
	}

	@Test
	void nameMustBeTheFileName() throws IOException {
		assertRejected(VALID.replace("name: petdb", "name: petdb2"),
				"name: 'petdb2' must be the file name without .yml ('petdb')");
	}

	@Test
	void nameMustBeLowercaseLettersDigitsAndDashes() throws IOException {
		assertRejected(VALID.replace("name: petdb", "name: PetDB"),
				"name: 'PetDB' must be lowercase letters, digits and '-'");
	}

	@Test
	void columnsMustBeMappingOrAList() throws IOException {
		assertRejected(VALID.replace("columns: mapping", "columns: everything"),
				"columns: must be 'mapping' or a list of dotted field paths");
	}

	@Test
	void textFieldsMustBeAList() throws IOException {
		assertRejected(VALID.replace("[sample_name, comments]", "sample_name"),
				"textFields: must be a list of dotted field paths, e.g. [sample_name, comments]");
	}

	@Test
	void keyGivenTwiceIsRejected() throws IOException {
		assertRejected(VALID + "index: other\n", "index: is given more than once");
	}

	@Test
	void fileThatIsNotYamlNamesTheFileAndLine() throws IOException {
		assertThat(syntaxProblems("name: petdb\ntextFields: [a, b\nindex: x\n")).singleElement().asString()
			.startsWith(file() + ": is not valid YAML (line ");
	}

	@Test
	void emptyFileIsRejected() throws IOException {
		assertThat(syntaxProblems("")).singleElement().asString()
			.isEqualTo(file() + ": must be a YAML mapping with the keys name, title, index, sortField, textFields, parameters, columns");
	}

	@Test
	void everyProblemOfEveryFileIsListed() throws IOException {
		write("petdb.yml", VALID + "extra: 1\n");
		write("synthesis.yml", VALID.replace("name: petdb", "name: synthesis").replace("kind: term", "kind: terms"));

		assertThatExceptionOfType(SourceDefinitionException.class).isThrownBy(() -> SourceFiles.load(this.dir))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					file() + ": extra: unknown key; the keys are name, title, index, sortField, textFields, parameters, columns",
					this.dir.resolve("synthesis.yml")
							+ ": parameters.material.kind: 'terms' is not a kind: use term, range or geo_bbox"))
			.withMessageContaining("\n");
	}

	@Test
	void folderWithoutSourceFilesIsRejected() {
		assertThatExceptionOfType(SourceDefinitionException.class).isThrownBy(() -> SourceFiles.load(this.dir))
			.withMessage(this.dir + ": has no source files (*.yml)");
	}

	@Test
	void missingFolderIsRejected() {
		Path missing = this.dir.resolve("nope");

		assertThatExceptionOfType(SourceDefinitionException.class).isThrownBy(() -> SourceFiles.load(missing))
			.withMessage(missing + ": is not a folder of source files");
	}

	/** The file, as petdb.yml, is rejected with exactly these problems, each after the file's name. */
	private void assertRejected(String yaml, String... problems) throws IOException {
		assertThat(syntaxProblems(yaml)).containsExactly(named(problems));
	}

	/** The file, as petdb.yml, loads but does not fit the PetDB mapping, with exactly these problems. */
	private void assertMisfits(String yaml, String... problems) throws IOException {
		assertThat(validationProblems(load(yaml))).containsExactly(named(problems));
	}

	private String[] named(String... problems) {
		return java.util.Arrays.stream(problems).map((problem) -> file() + ": " + problem).toArray(String[]::new);
	}

	private SourceDefinition load(String yaml) throws IOException {
		write("petdb.yml", yaml);
		return SourceFiles.load(this.dir).get(0);
	}

	private List<String> syntaxProblems(String yaml) throws IOException {
		write("petdb.yml", yaml);
		try {
			SourceFiles.load(this.dir);
			throw new AssertionError("Expected " + file() + " to be rejected");
		}
		catch (SourceDefinitionException ex) {
			return ex.problems();
		}
	}

	private static List<String> validationProblems(SourceDefinition source) {
		try {
			SourceMappingCheck.check(source, TestMappings.petdb());
			throw new AssertionError("Expected " + source.file() + " not to fit the mapping");
		}
		catch (SourceDefinitionException ex) {
			return ex.problems();
		}
	}

	private String file() {
		return this.dir.resolve("petdb.yml").toString();
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.dir.resolve(name), content);
	}

	private static java.util.Map.Entry<String, ParameterDefinition> entry(String name, String field, ParameterKind kind) {
		return java.util.Map.entry(name, new ParameterDefinition(field, kind));
	}

}
