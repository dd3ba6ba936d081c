package org.earthchem.export.source;

import java.util.Arrays;
import java.util.Optional;

/**
 * The URL parameter names the API gives a meaning of its own, whatever a source file defines: the one place that
 * the parser, the source-file checks, the OpenAPI description, the source list and the mails read them from.
 */
public enum ReservedParameter {

	/** {@code q=}: full-text search in the source's text fields. */
	TEXT("q", "full-text search", null),

	/** {@code columns=}: only the columns that start with one of the prefixes. */
	COLUMNS("columns", "column selection", null),

	/** {@code fileType=csv|json|ndjson|xlsx}: the output format. */
	FILE_TYPE("fileType", "the output format", null),

	/** {@code compression=none|gzip}: store the files gzip-compressed. */
	COMPRESSION("compression", "the files' compression", null),

	/** {@code bbox=}: the name api.md gives the geographic box; a source may only use it for its geo_bbox parameter. */
	BBOX("bbox", "the geo_bbox parameter", ParameterKind.GEO_BBOX);

	private final String urlName;

	private final String purpose;

	private final ParameterKind definableAs;

	ReservedParameter(String urlName, String purpose, ParameterKind definableAs) {
		this.urlName = urlName;
		this.purpose = purpose;
		this.definableAs = definableAs;
	}

	/** The name as it stands in a URL. */
	public String urlName() {
		return this.urlName;
	}

	/** What the name is reserved for, for messages. */
	public String purpose() {
		return this.purpose;
	}

	/** True when a source file may define a parameter of this name and kind. */
	public boolean definableAs(ParameterKind kind) {
		return this.definableAs != null && this.definableAs == kind;
	}

	/** The reserved parameter of a URL name; empty for every other name. */
	public static Optional<ReservedParameter> named(String urlName) {
		return Arrays.stream(values()).filter((reserved) -> reserved.urlName.equals(urlName)).findFirst();
	}

}
