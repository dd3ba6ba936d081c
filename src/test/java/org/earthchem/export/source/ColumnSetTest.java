package org.earthchem.export.source;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ColumnSetTest {

	private static final IndexMapping MAPPING = TestMappings.parse("""
			{
			  "sample_id": { "type": "keyword" },
			  "chemistry": { "properties": {
			    "whole_rock": { "properties": {
			      "major": { "properties": { "SiO2": { "properties": { "value": { "type": "double" } } } } },
			      "trace": { "properties": { "Ba": { "type": "double" } } }
			    } },
			    "whole_rockx": { "type": "keyword" },
			    "glass": { "properties": { "SiO2": { "type": "double" } } }
			  } },
			  "citation": { "properties": { "year": { "type": "integer" } } }
			}
			""");

	private static final List<String> ALL = List.of("sample_id", "chemistry.whole_rock.major.SiO2.value",
			"chemistry.whole_rock.trace.Ba", "chemistry.whole_rockx", "chemistry.glass.SiO2", "citation.year");

	@Test
	void mappingColumnsAreEveryLeafInMappingOrder() {
		assertThat(ColumnSet.of(source(null), MAPPING, List.of()).names()).isEqualTo(ALL);
	}

	@Test
	void noPrefixesKeepEveryColumn() {
		assertThat(ColumnSet.of(source(null), MAPPING, null).names()).isEqualTo(ALL);
	}

	@Test
	void explicitColumnsKeepTheListsOrder() {
		ColumnSet columns = ColumnSet.of(source(List.of("citation.year", "sample_id", "chemistry.glass.SiO2")), MAPPING,
				List.of());

		assertThat(columns.columns()).containsExactly(new Column("citation.year", ColumnType.NUMBER),
				new Column("sample_id", ColumnType.KEYWORD), new Column("chemistry.glass.SiO2", ColumnType.NUMBER));
	}

	@Test
	void explicitColumnThatIsNotALeafIsRejectedNamingFileAndKey() {
		assertThatExceptionOfType(SourceDefinitionException.class)
			.isThrownBy(() -> ColumnSet.of(source(List.of("sample_id", "chemistry")), MAPPING, List.of()))
			.withMessage("test.yml: columns[1]: 'chemistry' is not a field of index test-samples");
	}

	@Test
	void prefixMatchesWholePathSegments() {
		ColumnSet columns = ColumnSet.of(source(null), MAPPING, List.of("chemistry.whole_rock"));

		assertThat(columns.names()).containsExactly("chemistry.whole_rock.major.SiO2.value",
				"chemistry.whole_rock.trace.Ba");
	}

	@Test
	void prefixDoesNotMatchInsideASegment() {
		assertThat(ColumnSet.of(source(null), MAPPING, List.of("chemistry.whole")).names()).isEmpty();
		assertThat(ColumnSet.of(source(null), MAPPING, List.of("sample")).names()).isEmpty();
	}

	@Test
	void prefixEqualToAColumnNameMatchesThatColumn() {
		assertThat(ColumnSet.of(source(null), MAPPING, List.of("chemistry.whole_rockx")).names())
			.containsExactly("chemistry.whole_rockx");
	}

	@Test
	void prefixesNeverChangeTheOrder() {
		ColumnSet columns = ColumnSet.of(source(null), MAPPING, List.of("citation", "chemistry.glass", "sample_id"));

		assertThat(columns.names()).containsExactly("sample_id", "chemistry.glass.SiO2", "citation.year");
	}

	@Test
	void prefixesFilterAnExplicitListInItsOrder() {
		ColumnSet columns = ColumnSet.of(source(List.of("citation.year", "chemistry.glass.SiO2", "sample_id")), MAPPING,
				List.of("sample_id", "citation"));

		assertThat(columns.names()).containsExactly("citation.year", "sample_id");
	}

	@Test
	void columnsAreFoundByPosition() {
		ColumnSet columns = ColumnSet.of(source(null), MAPPING, List.of());

		assertThat(columns.size()).isEqualTo(6);
		assertThat(columns.get(1).name()).isEqualTo("chemistry.whole_rock.major.SiO2.value");
		assertThat(columns.indexOf("citation.year")).isEqualTo(5);
		assertThat(columns.indexOf("chemistry")).isEqualTo(-1);
	}

	private static SourceDefinition source(List<String> columns) {
		return new SourceDefinition("test", "Test", "test-samples", "sample_id", List.of(), Map.of(), columns, "test.yml");
	}

}
