package org.earthchem.export.support;

import java.util.List;

/**
 * A small index whose whole-rock chemistry is a {@code nested} field, as PetDB-like chemistry often is: each
 * sample holds several analyses (a method and its SiO2 and MgO values), one object per analysis. The source
 * {@code nested} (test-sources/nested.yml) searches it; its sample names and comments also serve the text-search
 * tests.
 */
public final class NestedIndex {

	public static final String INDEX = "nested-samples";

	/** Mapping order (OpenSearch lists properties alphabetically). */
	public static final List<String> COLUMNS = List.of("chemistry.whole_rock.major.MgO.value",
			"chemistry.whole_rock.major.SiO2.value", "chemistry.whole_rock.method", "comments", "material", "sample_id",
			"sample_name");

	static final String MAPPING = """
			{"settings":{"number_of_shards":1,"number_of_replicas":0},
			 "mappings":{"dynamic":false,"properties":{
			  "sample_id":{"type":"keyword"},
			  "sample_name":{"type":"text"},
			  "comments":{"type":"text"},
			  "material":{"type":"keyword"},
			  "chemistry":{"properties":{"whole_rock":{"type":"nested","properties":{
			    "method":{"type":"keyword"},
			    "major":{"properties":{
			      "SiO2":{"properties":{"value":{"type":"double"}}},
			      "MgO":{"properties":{"value":{"type":"double"}}}}}}}}}
			 }}}""";

	// no digits in the text fields: q=basalt~2 without the fuzzy operator searches "basalt" and "2"
	public static final List<String> DOCUMENTS = List.of(
			"""
			{"sample_id":"X-001","sample_name":"pillow basalt","comments":"fresh glass rim","material":"rock",\
			"chemistry":{"whole_rock":[{"method":"XRF","major":{"SiO2":{"value":48.5},"MgO":{"value":8.1}}},\
			{"method":"ICP-MS","major":{"SiO2":{"value":52.30},"MgO":{"value":6.0}}}]}}""",
			"""
			{"sample_id":"X-002","sample_name":"altered basalt","comments":"altered, veined","material":"rock",\
			"chemistry":{"whole_rock":[{"method":"ICP-MS","major":{"SiO2":{"value":45.0},"MgO":{"value":9.2}}},\
			{"method":"XRF","major":{"SiO2":{"value":55.0},"MgO":{"value":3.1}}}]}}""",
			"""
			{"sample_id":"X-003","sample_name":"basalts of the rift","comments":"dredged","material":"rock",\
			"chemistry":{"whole_rock":{"method":"XRF","major":{"SiO2":{"value":49.9},"MgO":{"value":7.4}}}}}""",
			"""
			{"sample_id":"X-004","sample_name":"basaltic andesite","comments":"lava flow","material":"rock"}""",
			"""
			{"sample_id":"X-005","sample_name":"basanite","comments":"glassy","material":"glass",\
			"chemistry":{"whole_rock":[{"method":"XRF","major":{"SiO2":{"value":41.2},"MgO":{"value":12.0}}}]}}""",
			"""
			{"sample_id":"X-006","sample_name":"basalt from a pillow","comments":"sheet flow","material":"rock",\
			"chemistry":{"whole_rock":[{"method":"ICP-MS","major":{"SiO2":{"value":50.5},"MgO":{"value":7.7}}}]}}""");

	static final ListedDocuments GENERATOR = new ListedDocuments(MAPPING, DOCUMENTS, "X-%03d");

	private NestedIndex() {
	}

	static void seed(String openSearchUrl) {
		GENERATOR.seed(openSearchUrl, INDEX);
	}

}
