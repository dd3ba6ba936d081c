package org.earthchem.export.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.earthchem.export.chaos.ExportsUnderTest.Export;
import org.earthchem.export.chaos.JobExecutions.Execution;

/**
 * Judges each export from what can be seen outside the service, not from what its task record claims about itself:
 * the statuses a client polled, the audit trail, the job repository's executions, the bytes in the bucket against a
 * calm run's, the mails in the mailboxes, and the nodes' logs. Each check counts its violations; zero passes.
 */
final class OutsideChecks {

	static final String LOST = "every export ends Succeeded (lost)";

	static final String DUPLICATES = "succeeded and stored once (duplicates)";

	static final String FINAL_CHANGED = "no final status seen, then another";

	static final String EXECUTIONS = "job executions = attempts + hand-backs";

	static final String BYTES = "bytes = recorded sha256 = calm run (wrong bytes)";

	static final String UPLOADS = "no unfinished multipart upload";

	static final String MAILS = "exactly one mail per export (extra/missing)";

	static final String TWO_NODES = "never Processing on two nodes at once";

	private final Map<String, List<String>> violations = new LinkedHashMap<>();

	private final ArrayNode details = ChaosApi.JSON.createArrayNode();

	private int resumed;

	private int handedBack;

	private int retries;

	OutsideChecks() {
		for (String check : List.of(LOST, DUPLICATES, FINAL_CHANGED, EXECUTIONS, BYTES, UPLOADS, MAILS, TWO_NODES)) {
			this.violations.put(check, new ArrayList<>());
		}
	}

	/**
	 * One export: {@code task} as read after the run, {@code calm} the digests of the files of a calm run of the same
	 * query and file type, in file order.
	 */
	void judge(Export export, JsonNode task, List<StatusWatch.Seen> seen, List<String> finalThenChanged, EventTrail trail,
			List<Execution> executions, StoredFiles bucket, List<String> calm, int mails, NodeLogs logs)
			throws Exception {
		String id = export.taskId();
		String status = task.path("status").asString();
		int attempts = task.path("attempts").asInt();
		this.resumed += trail.count("RESUMED");
		this.handedBack += trail.count("HANDED_BACK");
		this.retries += trail.count("RETRY_SCHEDULED");
		if (!"Succeeded".equals(status)) {
			violate(LOST, id + " ended " + status + " " + task.path("error"));
		}
		if (trail.succeeded() > 1) {
			violate(DUPLICATES, id + " became Succeeded " + trail.succeeded() + " times");
		}
		trail.filesStoredTwice().forEach((twice) -> violate(DUPLICATES, id + ": " + twice));
		finalThenChanged.forEach((change) -> violate(FINAL_CHANGED, id + ": " + change));
		// a hand-back keeps the attempt: the node that picks it up starts an execution of its own without one
		int expected = attempts + trail.count("HANDED_BACK");
		if (executions.size() != expected) {
			violate(EXECUTIONS, id + ": " + executions.size() + " executions " + executions + ", attempts " + attempts
					+ " + hand-backs " + trail.count("HANDED_BACK"));
		}
		List<String> stored = new ArrayList<>(bucket.keys(id));
		ArrayNode files = ChaosApi.JSON.createArrayNode();
		int i = 0;
		for (JsonNode file : task.path("files")) {
			String name = file.path("name").asString();
			String key = stored.stream().filter((k) -> k.endsWith("/" + name)).findFirst().orElse(null);
			String downloaded = (key != null) ? bucket.sha256(key) : null;
			String recorded = file.path("sha256").asString();
			String reference = (i < calm.size()) ? calm.get(i) : null;
			if (downloaded == null || !downloaded.equals(recorded) || !recorded.equals(reference)) {
				violate(BYTES, id + " " + name + ": downloaded " + downloaded + ", recorded " + recorded + ", calm run "
						+ reference);
			}
			stored.remove(key);
			files.add(ChaosApi.JSON.createObjectNode().put("name", name).put("recorded", recorded)
				.put("downloaded", downloaded).put("calm", reference));
			i++;
		}
		if ("Succeeded".equals(status) && i != calm.size()) {
			violate(BYTES, id + ": " + i + " files, the calm run " + calm.size());
		}
		stored.forEach((key) -> violate(BYTES, id + ": an object no file of the task names: " + key));
		if (mails != 1) {
			violate(MAILS, id + ": " + mails + " mails");
		}
		trail.overlaps().forEach((overlap) -> violate(TWO_NODES, id + ": " + overlap));
		// a node that ends an export another node holds is a stale run still writing (a takeover aside)
		for (NodeLogs.Transition end : logs.endsOfProcessing(id)) {
			String holder = trail.holderEndedBy(end.to(), end.at());
			if (holder != null && !holder.equals(end.node()) && !logs.isTakeover(end)) {
				violate(TWO_NODES, id + ": " + end.node() + " logged Processing -> " + end.to() + " at " + end.at()
						+ " while the trail says " + holder + " held it");
			}
		}
		ObjectNode detail = this.details.addObject().put("taskId", id).put("query", export.query())
			.put("fileType", export.fileType()).put("owner", export.owner().name()).put("status", status)
			.put("attempts", attempts).put("executions", executions.toString()).put("mails", mails)
			.put("resumed", trail.count("RESUMED")).put("handedBack", trail.count("HANDED_BACK"))
			.put("retries", trail.count("RETRY_SCHEDULED"));
		detail.set("files", files);
		ArrayNode statuses = detail.putArray("statusesSeen");
		seen.forEach((s) -> statuses.add(s.at() + " " + s.status() + " node=" + s.node() + " attempts=" + s.attempts()));
		ArrayNode holds = detail.putArray("holds");
		trail.holds().forEach((h) -> holds.add(h.node() + " " + h.from() + " .. " + h.to()));
	}

	/** The bucket as a whole, once every export has ended. */
	void judgeBucket(StoredFiles bucket) {
		bucket.unfinishedUploads().forEach((upload) -> violate(UPLOADS, upload));
	}

	/** A calm run that did not give the reference it should (it failed, or its bytes are not what it recorded). */
	void calmRunFailed(String what) {
		violate(BYTES, what);
	}

	private void violate(String check, String what) {
		this.violations.get(check).add(what);
	}

	Map<String, List<String>> violations() {
		return this.violations;
	}

	int count(String check) {
		return this.violations.get(check).size();
	}

	boolean passed() {
		return this.violations.values().stream().allMatch(List::isEmpty);
	}

	ArrayNode details() {
		return this.details;
	}

	int resumed() {
		return this.resumed;
	}

	int handedBack() {
		return this.handedBack;
	}

	int retries() {
		return this.retries;
	}

}
