package org.earthchem.export.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a search parameter filters: exact values, an inclusive range, or a geographic box. */
public enum ParameterKind {

	TERM, RANGE, GEO_BBOX;

	/** The name used in source files: {@code term}, {@code range}, {@code geo_bbox}. */
	public String yamlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The kind a source file names; exact lower case, as sources.md writes them. */
	public static Optional<ParameterKind> parse(String yamlName) {
		return Arrays.stream(values()).filter((kind) -> kind.yamlName().equals(yamlName)).findFirst();
	}

}
