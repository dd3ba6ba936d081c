package org.earthchem.export.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The format of an export's files. */
public enum FileType {

	CSV("text/csv; charset=utf-8", "CSV"),

	JSON("application/json", "JSON"),

	/** JSON Lines: the rows of JSON, one object a line. */
	NDJSON("application/x-ndjson", "JSON Lines (NDJSON)"),

	/** An Excel workbook, one sheet a file; already a zip, so never gzip-compressed. */
	XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX (Excel)");

	private final String contentType;

	private final String title;

	FileType(String contentType, String title) {
		this.contentType = contentType;
		this.title = title;
	}

	/** The file name extension and the {@code fileType=} value: {@code csv}, {@code json}, … */
	public String extension() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The media type of the files (uncompressed). */
	public String contentType() {
		return this.contentType;
	}

	/** How people call it, for mails. */
	public String title() {
		return this.title;
	}

	/** Whether {@code compression=gzip} applies: not to XLSX, which is a zip already. */
	public boolean compressible() {
		return this != XLSX;
	}

	/** {@code csv|json|ndjson|xlsx}, for messages. */
	public static String choices() {
		return Arrays.stream(values()).map(FileType::extension).collect(Collectors.joining(", "));
	}

	/** {@code csv}, {@code json}, {@code ndjson} or {@code xlsx}, in any case; empty for anything else. */
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
