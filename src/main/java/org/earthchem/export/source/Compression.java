package org.earthchem.export.source;

import java.util.Locale;
import java.util.Optional;

/** How an export's files are stored and delivered: as written, or gzip-compressed ({@code compression=}). */
public enum Compression {

	NONE, GZIP;

	/** The {@code compression=} value: {@code none} or {@code gzip}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The file name extension of a file of this type stored this way: {@code csv} or {@code csv.gz}. */
	public String extension(FileType type) {
		return type.extension() + ((this == GZIP) ? ".gz" : "");
	}

	/** The media type a stored file of this type is served with. */
	public String contentType(FileType type) {
		return (this == GZIP) ? "application/gzip" : type.contentType();
	}

	/** {@code none} or {@code gzip} in any case; empty for anything else. */
	public static Optional<Compression> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		for (Compression compression : values()) {
			if (compression.value().equalsIgnoreCase(value)) {
				return Optional.of(compression);
			}
		}
		return Optional.empty();
	}

	/** A stored value, {@link #NONE} for tasks made before compression existed (null). */
	public static Compression of(String stored) {
		return (stored == null) ? NONE : parse(stored).orElse(NONE);
	}

}
