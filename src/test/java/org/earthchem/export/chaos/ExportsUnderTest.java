package org.earthchem.export.chaos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The exports the chaos run asks for: several owners (each an API key issued through the operators' API), CSV and
 * JSON by turns, and a query of their own each so that none is taken for a repeat of another.
 */
final class ExportsUnderTest {

	static final String SOURCE = "petdb";

	// under export.max-active-per-owner (5 by default): no export is refused for its owner's count
	private static final int PER_OWNER = 4;

	// the longest a refused request (429 rate or cap, 503 while the stack is frozen) is asked again
	private static final long PATIENCE_MILLIS = 180_000;

	private final ChaosApi api;

	private final List<Owner> owners = new ArrayList<>();

	private final List<Export> exports = new ArrayList<>();

	/** The file types of the default run, export after export. */
	static final List<String> CSV_AND_JSON = List.of("csv", "json");

	/** The file types of the hard run: each format, and a compressed one. */
	static final List<String> FOUR_FORMATS = List.of("csv", "json", "ndjson", "csv&compression=gzip");

	private final List<String> fileTypes;

	/** @param fileTypes the file type of each export in turn (with its compression, as the request writes it) */
	ExportsUnderTest(ChaosApi api, List<String> fileTypes) {
		this.api = api;
		this.fileTypes = fileTypes;
	}

	/** Issues the keys of enough owners for {@code count} exports. */
	void issueOwners(int count) throws IOException, InterruptedException {
		for (int i = 1; i <= (count + PER_OWNER - 1) / PER_OWNER; i++) {
			String owner = "chaos-owner-" + i;
			String body = ChaosApi.JSON.writeValueAsString(ChaosApi.JSON.createObjectNode().put("owner", owner)
				.put("email", owner + "@example.org").put("operator", false)
				.set("sources", ChaosApi.JSON.createArrayNode().add(SOURCE)));
			HttpResponse<String> issued = this.api.send("POST", "/api/v1/admin/api-keys", ChaosApi.OPERATOR_KEY, body);
			if (issued.statusCode() != 201) {
				throw new IllegalStateException("issuing a key for " + owner + " answered " + issued.statusCode() + ": "
						+ issued.body());
			}
			this.owners.add(new Owner(owner, owner + "@example.org", ChaosApi.json(issued).path("key").asString()));
		}
	}

	/**
	 * Asks for {@code count} exports. Query {@code i} is {@code year.min=1964-i}: every document was published from
	 * 1965 on, so each matches every row of the index while being a query of its own.
	 */
	void submit(int count) throws IOException, InterruptedException {
		for (int i = 0; i < count; i++) {
			Owner owner = this.owners.get(i / PER_OWNER);
			String query = "year.min=" + (1964 - i);
			String fileType = this.fileTypes.get(i % this.fileTypes.size());
			this.exports.add(new Export(i + 1, owner, query, fileType, create(owner, query, fileType)));
		}
	}

	List<Export> all() {
		return List.copyOf(this.exports);
	}

	List<Owner> owners() {
		return List.copyOf(this.owners);
	}

	/** A new export of that query for that owner; returns its task id. */
	String create(Owner owner, String query, String fileType) throws IOException, InterruptedException {
		String path = "/api/v1/sources/" + SOURCE + "/exports?" + query + "&fileType=" + fileType;
		long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
		boolean unanswered = false;
		while (true) {
			HttpResponse<String> created;
			try {
				created = this.api.send("POST", path, owner.key(), null);
			}
			catch (IOException ex) {
				created = null;
				unanswered = true;
			}
			// 200 is the owner's active export of the same query: ours, when an earlier try got no answer but was taken
			if (created != null && (created.statusCode() == 202 || created.statusCode() == 200 && unanswered)) {
				return ChaosApi.json(created).path("taskId").asString();
			}
			boolean passing = created == null || created.statusCode() == 429 || created.statusCode() == 503;
			if (!passing || System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("POST " + path + " answered "
						+ ((created == null) ? "nothing" : created.statusCode() + ": " + created.body()));
			}
			long wait = (created == null) ? 1 : created.headers().firstValueAsLong("Retry-After").orElse(1);
			Thread.sleep(Math.max(1, wait) * 1000);
		}
	}

	/** The task as an operator reads it. */
	JsonNode task(String taskId) {
		HttpResponse<String> task = this.api.read("/api/v1/exports/" + taskId, ChaosApi.OPERATOR_KEY);
		if (task.statusCode() != 200) {
			throw new IllegalStateException("GET of " + taskId + " answered " + task.statusCode() + ": " + task.body());
		}
		return ChaosApi.json(task);
	}

	/** One owner of exports and its key. */
	record Owner(String name, String email, String key) {
	}

	/** One export asked for: which, by whom, and its task. */
	record Export(int number, Owner owner, String query, String fileType, String taskId) {
	}

}
