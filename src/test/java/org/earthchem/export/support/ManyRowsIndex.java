package org.earthchem.export.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.earthchem.export.devstack.JsonText;

/** 80,000 documents of about 600 bytes: an export of two full files, each of several parts. */
public final class ManyRowsIndex {

	public static final String INDEX = "many-samples";

	public static final String SOURCE = "many";

	public static final int DOCUMENTS = 80_000;

	private static final NumberedDocuments GENERATOR = new NumberedDocuments("M-%06d", """
			  "site":{"type":"keyword"},
			  "notes":{"type":"text"}
			""", (i) -> "\"value\":" + (i % 1000) + ".0" + (i % 7) + ",\"site\":\"Site, " + (i % 40) + "\",\"notes\":"
					+ JsonText.quote(("sample " + i + " \"quoted\", with commas; é ").repeat(12)));

	private ManyRowsIndex() {
	}

	/** Loads the index (once per stack) and writes its source definition into {@code sourcesDir}. */
	public static void seed(String openSearchUrl, Path sourcesDir) throws java.io.IOException {
		GENERATOR.seed(openSearchUrl, INDEX, DOCUMENTS);
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
