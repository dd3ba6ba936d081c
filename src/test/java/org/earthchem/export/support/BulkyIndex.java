package org.earthchem.export.support;

import java.util.Random;

import org.earthchem.export.devstack.JsonText;

/**
 * Documents of about 16 kB each, mostly one long text full of commas, quotes, line breaks and unicode: at the test
 * settings (700 rows a file, 5 MB parts) each file of an export is uploaded in three parts.
 */
public final class BulkyIndex {

	public static final String INDEX = "bulky-samples";

	public static final int DOCUMENTS = 1400;

	private static final String[] WORDS = { "basalt", "glass,", "\"olivine\"", "plagioclase;", "spinel\n", "é", "中文",
			"🌋", "=SUM(A1)", "'quoted'", "-7.25", "\r\n", "tab\t", "zircon", "MgO", "SiO2", "a,b,\"c\"" };

	private static final NumberedDocuments GENERATOR = new NumberedDocuments("B-%05d", """
			  "notes":{"type":"text"}
			""", (i) -> {
				Random random = new Random(i);
				StringBuilder notes = new StringBuilder(16_500);
				while (notes.length() < 16_000) {
					notes.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
				}
				return "\"value\":" + (i % 97) + "." + (i % 10) + "0,\"notes\":" + JsonText.quote(notes.toString());
			});

	private BulkyIndex() {
	}

	static void seed(String openSearchUrl) {
		GENERATOR.seed(openSearchUrl, INDEX, DOCUMENTS);
	}

}
