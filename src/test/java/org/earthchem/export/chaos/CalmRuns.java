package org.earthchem.export.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.earthchem.export.chaos.ExportsUnderTest.Export;

/**
 * The reference bytes: once the chaos is over and every node is up, the first CSV and the first JSON query are asked
 * for again with no fault ({@code CALM=per-type}, the default: every query matches the same rows in the same order,
 * so every export of a file type must be byte for byte the same as its calm run, a check stricter than one query
 * against itself), or each export's query and file type ({@code CALM=each}: twice the exports, minutes longer).
 * The reference digests are of the calm files as downloaded from the bucket.
 */
final class CalmRuns {

	private final ExportsUnderTest exports;

	// export number -> the calm task whose bytes it must have
	private final Map<Integer, String> calmTaskOf = new LinkedHashMap<>();

	private final Map<String, JsonNode> ended = new HashMap<>();

	private final Map<String, List<String>> digests = new HashMap<>();

	CalmRuns(ExportsUnderTest exports) {
		this.exports = exports;
	}

	/** Asks for the calm exports. */
	void start(boolean each) throws Exception {
		Map<String, String> byType = new HashMap<>();
		for (Export export : this.exports.all()) {
			String calm = each ? null : byType.get(export.fileType());
			if (calm == null) {
				calm = this.exports.create(export.owner(), export.query(), export.fileType());
				byType.put(export.fileType(), calm);
			}
			this.calmTaskOf.put(export.number(), calm);
		}
	}

	int count() {
		return (int) this.calmTaskOf.values().stream().distinct().count();
	}

	/** Waits until every calm export has ended; returns the ones that did not succeed. */
	List<String> awaitEnd(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (String taskId : this.calmTaskOf.values().stream().distinct().toList()) {
			Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
			JsonNode task;
			try {
				task = Awaitility.await().atMost(left).pollInterval(Duration.ofSeconds(2))
					.until(() -> this.exports.task(taskId),
							(t) -> StatusWatch.FINAL.contains(t.path("status").asString()));
			}
			catch (ConditionTimeoutException ex) {
				// reported below as not succeeded, with the status it had
				task = this.exports.task(taskId);
			}
			this.ended.put(taskId, task);
		}
		List<String> failed = new ArrayList<>();
		this.ended.forEach((id, task) -> {
			if (!"Succeeded".equals(task.path("status").asString())) {
				failed.add("calm run " + id + " ended " + task.path("status").asString() + " " + task.path("error"));
			}
		});
		return failed;
	}

	/**
	 * The digests of the calm files of that export as downloaded, in file order; a calm file whose bytes are not
	 * what its task recorded is added to {@code problems}.
	 */
	List<String> digests(int exportNumber, StoredFiles bucket, List<String> problems) throws Exception {
		String calmId = this.calmTaskOf.get(exportNumber);
		if (this.digests.containsKey(calmId)) {
			// CALM=per-type: one calm file is the reference of many exports, downloaded once
			return this.digests.get(calmId);
		}
		List<String> digests = new ArrayList<>();
		for (JsonNode file : this.ended.get(calmId).path("files")) {
			String name = file.path("name").asString();
			String key = bucket.keys(calmId).stream().filter((k) -> k.endsWith("/" + name)).findFirst().orElse(null);
			String downloaded = (key != null) ? bucket.sha256(key) : null;
			if (downloaded == null || !downloaded.equals(file.path("sha256").asString())) {
				problems.add("calm run " + calmId + " " + name + ": downloaded " + downloaded + ", recorded "
						+ file.path("sha256").asString());
			}
			digests.add(downloaded);
		}
		this.digests.put(calmId, digests);
		return digests;
	}

}
