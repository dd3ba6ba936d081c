package org.earthchem.export.source;

import tools.jackson.databind.json.JsonMapper;

/** Hand-written index mappings with the field names of the real PetDB and Synthesis indexes. */
final class TestMappings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// the "properties" of GET petdb-samples/_mapping, cut down to what the tests need
	static final String PETDB = """
			{
			  "sample_id": { "type": "keyword" },
			  "igsn": { "type": "keyword" },
			  "sample_name": { "type": "text", "fields": { "raw": { "type": "keyword" } } },
			  "material": { "type": "keyword" },
			  "rock": { "properties": {
			    "type": { "type": "keyword" },
			    "class": { "type": "keyword" }
			  } },
			  "tectonic_setting": { "type": "keyword" },
			  "location": { "properties": {
			    "ocean": { "type": "keyword" },
			    "point": { "type": "geo_point" },
			    "elevation_m": { "type": "double" }
			  } },
			  "collected": { "type": "date" },
			  "chemistry": { "properties": {
			    "whole_rock": { "type": "nested", "properties": {
			      "major": { "properties": {
			        "SiO2": { "properties": { "value": { "type": "double" }, "unit": { "type": "keyword" } } },
			        "MgO": { "properties": { "value": { "type": "double" }, "unit": { "type": "keyword" } } }
			      } }
			    } }
			  } },
			  "citation": { "properties": {
			    "title": { "type": "text" },
			    "year": { "type": "integer" },
			    "doi": { "type": "keyword" }
			  } },
			  "comments": { "type": "text" },
			  "public": { "type": "boolean" }
			}
			""";

	static final String SYNTHESIS = """
			{
			  "sample_id": { "type": "keyword" },
			  "title": { "type": "text" },
			  "description": { "type": "text" },
			  "material": { "type": "keyword" },
			  "rock_type": { "type": "keyword" },
			  "dataset_id": { "type": "keyword" },
			  "citation": { "properties": { "year": { "type": "integer" } } },
			  "collected": { "type": "date" },
			  "chemistry": { "properties": { "SiO2": { "properties": { "value": { "type": "double" } } } } },
			  "location": { "properties": { "point": { "type": "geo_point" } } }
			}
			""";

	private TestMappings() {
	}

	static IndexMapping petdb() {
		return parse(PETDB);
	}

	static IndexMapping synthesis() {
		return parse(SYNTHESIS);
	}

	static IndexMapping parse(String properties) {
		return IndexMapping.parse(JSON.readTree(properties));
	}

}
