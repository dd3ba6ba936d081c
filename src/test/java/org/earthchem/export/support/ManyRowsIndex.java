package org.earthchem.export.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.earthchem.export.localstack.DemoIndices;
import org.earthchem.export.localstack.Generator;
import org.earthchem.export.localstack.JsonText;

/** 80,000 documents of about 600 bytes: an export of two full files, each of several parts. */
public final class ManyRowsIndex {

	public static final String INDEX = "many-samples";

	public static final String SOURCE = "many";

	public static final int DOCUMENTS = 80_000;

	private static final Generator GENERATOR = new Generator() {
		@Override
		public String mappingJson() {
			return """
					{"settings":{"number_of_shards":1,"number_of_replicas":0},
					 "mappings":{"dynamic":false,"properties":{
					  "sample_id":{"type":"keyword"},
					  "seq":{"type":"integer"},
					  "value":{"type":"double"},
					  "site":{"type":"keyword"},
					  "notes":{"type":"text"}
					 }}}""";
		}

		@Override
		public String document(long i) {
			return "{\"sample_id\":" + JsonText.quote(id(i)) + ",\"seq\":" + i + ",\"value\":" + (i % 1000) + ".0" + (i % 7)
					+ ",\"site\":\"Site, " + (i % 40) + "\",\"notes\":"
					+ JsonText.quote(("sample " + i + " \"quoted\", with commas; é ").repeat(12)) + "}";
		}

		@Override
		public String id(long i) {
			return String.format("M-%06d", i);
		}
	};

	private ManyRowsIndex() {
	}

	/** Loads the index (once per stack) and writes its source definition into {@code sourcesDir}. */
	public static void seed(String openSearchUrl, Path sourcesDir) throws java.io.IOException {
		DemoIndices.seed(openSearchUrl, INDEX, GENERATOR, DOCUMENTS);
		Files.createDirectories(sourcesDir);
		Files.writeString(sourcesDir.resolve(SOURCE + ".yml"), """
				name: many
				title: Many rows
				index: many-samples
				sortField: sample_id
				textFields: [notes]
				parameters:
				  site: { field: site, kind: term }
				columns: mapping
				""");
	}

}
