package org.earthchem.export.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IndexMappingTest {

	@Test
	void leavesComeDepthFirstInTheOrderTheMappingListsThem() {
		assertThat(TestMappings.petdb().leaves()).extracting(Column::name)
			.containsExactly("sample_id", "igsn", "sample_name", "material", "rock.type", "rock.class", "tectonic_setting",
					"location.ocean", "location.point", "location.elevation_m", "collected",
					"chemistry.whole_rock.major.SiO2.value", "chemistry.whole_rock.major.SiO2.unit",
					"chemistry.whole_rock.major.MgO.value", "chemistry.whole_rock.major.MgO.unit", "citation.title",
					"citation.year", "citation.doi", "comments", "public");
	}

	@Test
	void orderIsTheMappingsNotAlphabetical() {
		IndexMapping mapping = TestMappings.parse("""
				{ "zeta": { "type": "keyword" }, "alpha": { "properties": { "z": { "type": "long" }, "a": { "type": "long" } } } }
				""");

		assertThat(mapping.leaves()).extracting(Column::name).containsExactly("zeta", "alpha.z", "alpha.a");
	}

	@Test
	void objectAndNestedFieldsAreDescendedIntoAndAreNotLeaves() {
		IndexMapping mapping = TestMappings.petdb();

		assertThat(mapping.isObject("rock")).isTrue();
		assertThat(mapping.isObject("chemistry.whole_rock")).isTrue();
		assertThat(mapping.isObject("chemistry.whole_rock.major.SiO2")).isTrue();
		assertThat(mapping.leaf("chemistry.whole_rock")).isEmpty();
		assertThat(mapping.leaf("chemistry.whole_rock.major.SiO2.value"))
			.contains(new Column("chemistry.whole_rock.major.SiO2.value", ColumnType.NUMBER));
	}

	@Test
	void aFieldBelowANestedFieldHasItsNestedPath() {
		IndexMapping mapping = TestMappings.petdb();

		assertThat(mapping.nestedPaths("chemistry.whole_rock.major.SiO2.value")).containsExactly("chemistry.whole_rock");
		assertThat(mapping.nestedPaths("chemistry.whole_rock")).isEmpty();
		assertThat(mapping.nestedPaths("rock.type")).isEmpty();
		assertThat(mapping.nestedPaths("material")).isEmpty();
	}

	@Test
	void aFieldBelowNestedFieldsWithinEachOtherHasTheirPathsOutermostFirst() {
		IndexMapping mapping = TestMappings.parse("""
				{ "a": { "type": "nested", "properties": { "b": { "properties": {
				  "c": { "type": "nested", "properties": { "d": { "type": "keyword" } } } } } } } }
				""");

		assertThat(mapping.nestedPaths("a.b.c.d")).containsExactly("a", "a.b.c");
	}

	@Test
	void leavesAreNotObjects() {
		assertThat(TestMappings.petdb().isObject("rock.type")).isFalse();
		assertThat(TestMappings.petdb().isObject("nothing")).isFalse();
	}

	@Test
	void multiFieldsAreNotLeaves() {
		IndexMapping mapping = TestMappings.petdb();

		assertThat(mapping.leaf("sample_name")).contains(new Column("sample_name", ColumnType.TEXT));
		assertThat(mapping.leaf("sample_name.raw")).isEmpty();
		assertThat(mapping.leaves()).extracting(Column::name).doesNotContain("sample_name.raw");
	}

	@Test
	void mappingTypesBecomeColumnTypes() {
		IndexMapping mapping = TestMappings.parse("""
				{
				  "keyword": { "type": "keyword" }, "constant_keyword": { "type": "constant_keyword" },
				  "wildcard": { "type": "wildcard" }, "text": { "type": "text" }, "match_only_text": { "type": "match_only_text" },
				  "long": { "type": "long" }, "integer": { "type": "integer" }, "short": { "type": "short" },
				  "byte": { "type": "byte" }, "double": { "type": "double" }, "float": { "type": "float" },
				  "half_float": { "type": "half_float" }, "scaled_float": { "type": "scaled_float", "scaling_factor": 100 },
				  "unsigned_long": { "type": "unsigned_long" }, "date": { "type": "date" }, "date_nanos": { "type": "date_nanos" },
				  "boolean": { "type": "boolean" }, "geo_point": { "type": "geo_point" }, "ip": { "type": "ip" }
				}
				""");

		assertThat(mapping.leaves()).extracting(Column::type)
			.containsExactly(ColumnType.KEYWORD, ColumnType.KEYWORD, ColumnType.KEYWORD, ColumnType.TEXT, ColumnType.TEXT,
					ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER,
					ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.DATE,
					ColumnType.DATE, ColumnType.BOOLEAN, ColumnType.GEO_POINT, ColumnType.OTHER);
	}

	@Test
	void anObjectTheMappingDoesNotDescribeIsALeafOfTypeOther() {
		IndexMapping mapping = TestMappings.parse("""
				{ "extra": { "type": "object", "enabled": false }, "geom": { "type": "geo_shape" } }
				""");

		assertThat(mapping.leaves()).containsExactly(new Column("extra", ColumnType.OTHER),
				new Column("geom", ColumnType.OTHER));
		assertThat(mapping.isObject("extra")).isFalse();
	}

	@Test
	void unknownPathHasNoLeaf() {
		assertThat(TestMappings.petdb().leaf("chemistry.x")).isEmpty();
	}

	@Test
	void emptyPropertiesHaveNoLeaves() {
		assertThat(TestMappings.parse("{}").leaves()).isEmpty();
		assertThat(IndexMapping.parse(null).leaves()).isEmpty();
	}

	@Test
	void propertiesThatAreNotAnObjectAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestMappings.parse("[1, 2]"));
	}

}
