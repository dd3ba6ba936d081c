package org.earthchem.export.support;

import java.util.Random;

/**
 * Documents of about 20 kB of random letters and digits, which gzip shrinks little (to about 15 kB): compressed, the
 * first 5 MB part of a 700-row file fills within its first 400 rows, so a gzip file of an export holds several
 * members, and a checkpoint taken after 600 rows holds a part of the file.
 */
public final class NoisyIndex {

	public static final String INDEX = "noisy-samples";

	public static final int DOCUMENTS = 750;

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

	private static final NumberedDocuments GENERATOR = new NumberedDocuments("Z-%05d", """
			  "noise":{"type":"keyword","index":false,"doc_values":false}
			""", (i) -> {
				Random random = new Random(i);
				char[] noise = new char[20_000];
				for (int j = 0; j < noise.length; j++) {
					noise[j] = ALPHABET[random.nextInt(ALPHABET.length)];
				}
				return "\"value\":" + i + ".5,\"noise\":\"" + new String(noise) + "\"";
			});

	private NoisyIndex() {
	}

	static void seed(String openSearchUrl) {
		GENERATOR.seed(openSearchUrl, INDEX, DOCUMENTS);
	}

}
