package org.earthchem.export.support;

import java.util.List;

/**
 * A small index of hand-made documents with everything that breaks naive exporters: commas, quotes, line breaks,
 * unicode, formula triggers, numbers whose text a double would change, every geo_point form, arrays of objects,
 * a string in a numeric field and a document with nothing but its id.
 */
public final class NastyIndex {

	public static final String INDEX = "nasty-samples";

	/** Mapping order (OpenSearch lists properties alphabetically). */
	public static final List<String> COLUMNS = List.of("count", "flag", "location.point", "measurements.analyte",
			"measurements.value", "name", "note", "sample_id", "tags", "value");

	static final String MAPPING = """
			{"settings":{"number_of_shards":1,"number_of_replicas":0},
			 "mappings":{"dynamic":false,"properties":{
			  "sample_id":{"type":"keyword"},
			  "name":{"type":"text"},
			  "note":{"type":"text"},
			  "value":{"type":"double","ignore_malformed":true},
			  "count":{"type":"integer"},
			  "flag":{"type":"boolean"},
			  "tags":{"type":"keyword"},
			  "location":{"properties":{"point":{"type":"geo_point"}}},
			  "measurements":{"properties":{"analyte":{"type":"keyword"},"value":{"type":"double"}}}
			 }}}""";

	public static final List<String> DOCUMENTS = List.of(
			"""
			{"sample_id":"N-001","name":"Comma, inside","note":"He said \\"hi\\"","value":45.20,"count":7,"flag":true,\
			"tags":["a","b"],"location":{"point":{"lat":12.5,"lon":-45.25}}}""",
			"""
			{"sample_id":"N-002","name":"Line1\\nLine2\\r\\nLine3","note":"=cmd|' /C calc'!A0","value":1.5e-7,\
			"tags":"single","location":{"point":"10.0,20.0"}}""",
			"""
			{"sample_id":"N-003","name":"Unicode é ü 中文 🌋","note":"+SUM(1,2)","value":-0.0,"count":-3,\
			"location":{"point":[30.5,-10.25]},"flag":false}""",
			"""
			{"sample_id":"N-004","name":"@risk","note":"-starts with minus","value":"n/a",\
			"location":{"point":"POINT (5.5 6.5)"}}""",
			"""
			{"sample_id":"N-005","name":"\\ttab start","note":"\\rcr start","value":2.31E+3,\
			"measurements":[{"analyte":"SiO2","value":50.10},{"analyte":"MgO","value":7.0}]}""",
			"""
			{"sample_id":"N-006"}""");

	static final ListedDocuments GENERATOR = new ListedDocuments(MAPPING, DOCUMENTS, "N-%03d");

	private NastyIndex() {
	}

	static void seed(String openSearchUrl) {
		GENERATOR.seed(openSearchUrl, INDEX);
	}

}
