package org.earthchem.export.support;

import java.util.function.LongFunction;

import org.earthchem.export.devstack.DemoIndices;
import org.earthchem.export.devstack.Generator;
import org.earthchem.export.devstack.JsonText;

/**
 * A generated test index (one shard, no dynamic fields) of numbered documents: document {@code i} (from 1) begins
 * with its {@code sample_id}, {@code idFormat} formatted with {@code i}, and {@code seq}, {@code i} itself; then come
 * the fields {@code fields} writes for {@code i}, a double {@code value} first. {@code moreProperties} maps the
 * fields after {@code value}, one line each.
 */
record NumberedDocuments(String idFormat, String moreProperties, LongFunction<String> fields) implements Generator {

	@Override
	public String mappingJson() {
		return """
				{"settings":{"number_of_shards":1,"number_of_replicas":0},
				 "mappings":{"dynamic":false,"properties":{
				  "sample_id":{"type":"keyword"},
				  "seq":{"type":"integer"},
				  "value":{"type":"double"},
				""" + this.moreProperties + " }}}";
	}

	@Override
	public String document(long i) {
		return "{\"sample_id\":" + JsonText.quote(id(i)) + ",\"seq\":" + i + "," + this.fields.apply(i) + "}";
	}

	@Override
	public String id(long i) {
		return String.format(this.idFormat, i);
	}

	/** Creates the index unless it holds documents 1 to {@code count} already, and loads them. */
	void seed(String openSearchUrl, String index, int count) {
		DemoIndices.seed(openSearchUrl, index, this, count);
	}

}
