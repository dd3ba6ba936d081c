package org.earthchem.export.job.read;

import tools.jackson.core.io.JsonStringEncoder;

/** JSON string literals for the few request bodies built by hand. */
final class JsonStrings {

	private JsonStrings() {
	}

	static String quote(String value) {
		return "\"" + new String(JsonStringEncoder.getInstance().quoteAsCharArray(value)) + "\"";
	}

}
