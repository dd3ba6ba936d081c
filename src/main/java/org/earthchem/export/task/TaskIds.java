package org.earthchem.export.task;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Task ids: {@code <source>-<first 12 hex of the query key>-<12 chars of time-ordered Crockford base32>}, e.g.
 * {@code petdb-3f9a1c07d2e4-01JDZ8M6Q1K2}. Unique per request, traceable to the query, URL-safe.
 */
public final class TaskIds {

	private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final Pattern SAFE = Pattern.compile("[a-z0-9-]{1,64}-[0-9a-f]{12}-[0-9A-Z]{12}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private TaskIds() {
	}

	public static String newId(String source, String queryKey, Instant now) {
		// 10 characters of milliseconds (as in a ULID, so ids sort by time) and 2 random ones
		long millis = now.toEpochMilli();
		char[] suffix = new char[12];
		for (int i = 9; i >= 0; i--) {
			suffix[i] = CROCKFORD[(int) (millis & 31)];
			millis >>>= 5;
		}
		int random = RANDOM.nextInt(1024);
		suffix[10] = CROCKFORD[random >>> 5];
		suffix[11] = CROCKFORD[random & 31];
		return source + "-" + queryKey.substring(0, 12) + "-" + new String(suffix);
	}

	public static boolean isWellFormed(String taskId) {
		return taskId != null && SAFE.matcher(taskId).matches();
	}

	/** The id itself, after checking it cannot name anything outside a task's own folder. */
	public static String requireSafe(String taskId) {
		if (!isWellFormed(taskId)) {
			throw new IllegalArgumentException("not a task id: " + taskId);
		}
		return taskId;
	}

}
