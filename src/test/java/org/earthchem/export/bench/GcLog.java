package org.earthchem.export.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service JVM's own account of its heap: the unified GC log ({@code -Xlog:gc}, wall-clock decorated) that
 * {@link #flag(Path)} asks for. Each pause's line gives the heap in use just before it, the highest the heap climbed;
 * the actuator's samples, 100 ms apart, may fall between a peak and its collection.
 */
final class GcLog {

	/** {@code [2026-12-06T05:16:39.201+0000][info][gc] GC(230) Pause Young (Normal) (G1 Evacuation Pause) 196M->175M(256M) 9.651ms} */
	private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].*\\bPause\\b.* (\\d+)M->\\d+M\\(\\d+M\\)");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private GcLog() {
	}

	/** The JVM flag writing the log of the collections' pauses, with the wall-clock time of each, to {@code file}. */
	static String flag(Path file) {
		return "-Xlog:gc:file=" + file + ":time";
	}

	/**
	 * The most heap in use before a pause between {@code from} and {@code to}, in bytes (to the MiB the log gives), or
	 * -1 when no pause was logged then.
	 */
	static long peakBeforePauses(Path file, Instant from, Instant to) throws IOException {
		List<String> lines = Files.readAllLines(file);
		long peak = -1;
		for (String line : lines) {
			Matcher pause = PAUSE.matcher(line);
			if (pause.find()) {
				Instant at = OffsetDateTime.parse(pause.group(1), TIME).toInstant();
				if (!at.isBefore(from) && !at.isAfter(to)) {
					peak = Math.max(peak, Long.parseLong(pause.group(2)) * 1024 * 1024);
				}
			}
		}
		return peak;
	}

}
