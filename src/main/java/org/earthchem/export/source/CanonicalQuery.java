package org.earthchem.export.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.earthchem.export.Sha256;

/**
 * The canonical form of a search, which identifies it: its parameters sorted by name, each value form-encoded, the
 * values of a list each encoded on its own so that their separating commas stay readable
 * ({@code material=glass,rock&q=pillow+basalt}); and its query key.
 */
final class CanonicalQuery {

	private final TreeMap<String, String> parameters = new TreeMap<>();

	/** A parameter with one value. */
	void put(String name, String value) {
		this.parameters.put(name, encode(value));
	}

	/** A parameter with a list of values, in the order given (sort them first where order does not matter). */
	void put(String name, Collection<String> values) {
		this.parameters.put(name, values.stream().map(CanonicalQuery::encode).collect(Collectors.joining(",")));
	}

	/** The canonical query string. */
	String text() {
		return this.parameters.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + entry.getValue())
			.collect(Collectors.joining("&"));
	}

	/** Lowercase hex SHA-256 of {@code source + "?" + canonical query}. */
	String key(String source) {
		return Sha256.hex(source + "?" + text());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
