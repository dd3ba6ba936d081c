package org.earthchem.export.support;

import java.util.List;

/**
 * Hand-made documents with a value of each kind a spreadsheet cell holds: a negative number, a 17-digit integer, a
 * date and a date-time, a boolean, text that starts with {@code =}, non-ASCII text, a geo point and missing values;
 * and, in set {@code long}, one text longer than a spreadsheet cell.
 */
public final class TypedIndex {

	public static final String INDEX = "typed-samples";

	/** Mapping order (OpenSearch lists properties alphabetically). */
	public static final List<String> COLUMNS = List.of("collected", "count", "flag", "location.point", "name", "notes",
			"sample_id", "set", "value");

	static final String MAPPING = """
			{"settings":{"number_of_shards":1,"number_of_replicas":0},
			 "mappings":{"dynamic":false,"properties":{
			  "sample_id":{"type":"keyword"},
			  "set":{"type":"keyword"},
			  "collected":{"type":"date"},
			  "count":{"type":"long"},
			  "value":{"type":"double"},
			  "flag":{"type":"boolean"},
			  "name":{"type":"text"},
			  "notes":{"type":"text"},
			  "location":{"properties":{"point":{"type":"geo_point"}}}
			 }}}""";

	/** More characters than a spreadsheet cell holds (32,767). */
	public static final int LONG_TEXT = 40_000;

	public static final List<String> DOCUMENTS = List.of(
			"""
			{"sample_id":"T-001","set":"short","collected":"2021-03-04","count":12345678901234567,"value":-12.5,\
			"flag":true,"name":"=1+2","location":{"point":{"lat":12.5,"lon":-45.25}}}""",
			"""
			{"sample_id":"T-002","set":"short","collected":"2020-01-02T03:04:05.678Z","value":45.20,"flag":false,\
			"name":"Unicode é ü 中文 🌋","location":{"point":"10.0,20.0"}}""",
			"{\"sample_id\":\"T-003\",\"set\":\"long\",\"notes\":\"" + "x".repeat(LONG_TEXT) + "\"}");

	static final ListedDocuments GENERATOR = new ListedDocuments(MAPPING, DOCUMENTS, "T-%03d");

	private TypedIndex() {
	}

	static void seed(String openSearchUrl) {
		GENERATOR.seed(openSearchUrl, INDEX);
	}

}
