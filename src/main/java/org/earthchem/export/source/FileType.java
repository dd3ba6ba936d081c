package org.earthchem.export.source;

import java.util.Locale;
import java.util.Optional;

/** The format of an export's files. */
public enum FileType {

	CSV, JSON;

	/** The file name extension and the {@code fileType=} value: {@code csv} or {@code json}. */
	public String extension() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The media type of the files. */
	public String contentType() {
		return (this == CSV) ? "text/csv; charset=utf-8" : "application/json";
	}

	/** {@code csv} or {@code json}, in any case; empty for anything else. */
	public static Optional<FileType> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		for (FileType type : values()) {
			if (type.extension().equalsIgnoreCase(value)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
