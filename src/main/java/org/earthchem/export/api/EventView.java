package org.earthchem.export.api;

import java.util.regex.Pattern;

import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.Timestamps;

/** One audit event as the API shows it. */
record EventView(String at, String type, String detail) {

	/** Where a file is stored: {@code … as s3://bucket/key}. */
	private static final Pattern STORED_AS = Pattern.compile(" as s3://\\S+");

	/**
	 * A node named in an event: {@code Pending -> Processing on node-1}, {@code …; on node-1} (RESUMED),
	 * {@code taken over from run 7 on node-1 (…}, {@code handed-back export taken on node-1}, {@code handed back by
	 * node-1, which …}. A node's name is its host and port unless configured.
	 */
	private static final Pattern NODE = Pattern.compile("\\b(on|back by) [^\\s;,()]+");

	/**
	 * @param operator whether an operator asks: only operators see where files are stored (bucket and key) and which
	 * nodes (host and port) ran the export
	 */
	static EventView of(TaskEvent event, boolean operator) {
		return new EventView(Timestamps.format(event.at()), event.type().name(),
				operator ? event.detail() : forOwner(event));
	}

	private static String forOwner(TaskEvent event) {
		String detail = event.detail();
		if (detail == null) {
			return null;
		}
		detail = STORED_AS.matcher(detail).replaceAll("");
		return switch (event.type()) {
			case STATUS_CHANGED, RESUMED, RETRY_SCHEDULED, HANDED_BACK -> NODE.matcher(detail)
				.replaceAll((match) -> match.group(1) + " a service node");
			default -> detail;
		};
	}

}
