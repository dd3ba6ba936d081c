package org.earthchem.export.chaos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One task's audit trail ({@code GET /api/v1/exports/{id}/events}) read back into who held the export when: a node
 * takes it with "Pending -> Processing on <node>", or with "RESUMED … on <node>" after a hand-back; it lets go with a
 * HANDED_BACK or when the task leaves Processing. A node that takes or resumes the export while another holds it is
 * two nodes processing at once.
 */
final class EventTrail {

	private static final Pattern TO_PROCESSING_ON = Pattern.compile("-> Processing on (\\S+)$");

	private static final Pattern FROM_PROCESSING = Pattern.compile("^Processing -> (\\w+)");

	private static final Pattern RESUMED_ON = Pattern.compile(" on (\\S+)$");

	private static final Pattern HANDED_BACK_BY = Pattern.compile("handed back by (\\S+?),");

	private static final Pattern STORED_FILE = Pattern.compile("^(\\S+) \\(.*sha256 (\\w+)\\)");

	private final List<Event> events;

	private final List<Hold> holds = new ArrayList<>();

	private final List<String> overlaps = new ArrayList<>();

	private EventTrail(List<Event> events) {
		this.events = events;
		reconstruct();
	}

	static EventTrail read(ChaosApi api, String taskId) throws IOException, InterruptedException {
		List<Event> events = new ArrayList<>();
		String path = "/api/v1/exports/" + taskId + "/events?limit=1000";
		while (path != null) {
			HttpResponse<String> page = api.read(path, ChaosApi.OPERATOR_KEY);
			if (page.statusCode() != 200) {
				throw new IllegalStateException("events of " + taskId + " answered " + page.statusCode());
			}
			for (JsonNode event : ChaosApi.json(page)) {
				events.add(new Event(Instant.parse(event.path("at").asString()), event.path("type").asString(),
						event.path("detail").asString("")));
			}
			path = page.headers().firstValue("Link").map(EventTrail::nextPath).orElse(null);
		}
		return new EventTrail(events);
	}

	private static String nextPath(String link) {
		Matcher next = Pattern.compile("<(?:https?://[^/]+)?([^>]+)>;\\s*rel=\"next\"").matcher(link);
		return next.find() ? next.group(1) : null;
	}

	int count(String type) {
		return (int) this.events.stream().filter((e) -> e.type().equals(type)).count();
	}

	/** How often the trail says the task became Succeeded (exactly once is right). */
	int succeeded() {
		return (int) this.events.stream()
			.filter((e) -> e.type().equals("STATUS_CHANGED") && e.detail().endsWith("-> Succeeded"))
			.count();
	}

	/** Files stored more than once, or stored with different digests, by file name. */
	List<String> filesStoredTwice() {
		Map<String, List<String>> digests = new HashMap<>();
		for (Event e : this.events) {
			Matcher stored = STORED_FILE.matcher(e.detail());
			if (e.type().equals("FILE_STORED") && stored.find()) {
				digests.computeIfAbsent(stored.group(1), (name) -> new ArrayList<>()).add(stored.group(2));
			}
		}
		List<String> twice = new ArrayList<>();
		digests.forEach((name, sha) -> {
			if (sha.size() > 1) {
				twice.add(name + " stored " + sha.size() + " times (" + String.join(", ", sha) + ")");
			}
		});
		return twice;
	}

	/** Who held the export when, in order. */
	List<Hold> holds() {
		return List.copyOf(this.holds);
	}

	/** Moments the trail shows a second node processing the export while one held it. */
	List<String> overlaps() {
		return List.copyOf(this.overlaps);
	}

	/**
	 * Who held the export when the trail's last "Processing -> {@code to}" up to {@code loggedAt} (a node's log line
	 * of that change, written just after it) ended the hold; null when no such change or no holder.
	 */
	String holderEndedBy(String to, Instant loggedAt) {
		Event end = null;
		for (Event e : this.events) {
			if (e.type().equals("STATUS_CHANGED") && e.detail().startsWith("Processing -> " + to)
					&& !e.at().isAfter(loggedAt.plusSeconds(1))) {
				end = e;
			}
		}
		for (Hold hold : this.holds) {
			if (end != null && end.at().equals(hold.to())) {
				return hold.node();
			}
		}
		return null;
	}

	private void reconstruct() {
		String holder = null;
		Instant since = null;
		for (Event e : this.events) {
			String taker = null;
			boolean letGo = false;
			if (e.type().equals("STATUS_CHANGED")) {
				Matcher to = TO_PROCESSING_ON.matcher(e.detail());
				taker = to.find() ? to.group(1) : null;
				letGo = FROM_PROCESSING.matcher(e.detail()).find();
			}
			else if (e.type().equals("RESUMED")) {
				Matcher on = RESUMED_ON.matcher(e.detail());
				// the same node resuming after its own retry is still the same hold
				taker = on.find() && !on.group(1).equals(holder) ? on.group(1) : null;
			}
			else if (e.type().equals("HANDED_BACK")) {
				Matcher by = HANDED_BACK_BY.matcher(e.detail());
				if (holder != null && by.find() && !by.group(1).equals(holder)) {
					this.overlaps.add(e.at() + ": " + by.group(1) + " handed back what " + holder + " held");
				}
				letGo = true;
			}
			if (letGo && holder != null) {
				this.holds.add(new Hold(holder, since, e.at()));
				holder = null;
			}
			if (taker != null) {
				if (holder != null) {
					this.overlaps.add(e.at() + ": " + taker + " took it (" + e.type() + ") while " + holder + " held it");
					this.holds.add(new Hold(holder, since, e.at()));
				}
				holder = taker;
				since = e.at();
			}
		}
		if (holder != null) {
			this.holds.add(new Hold(holder, since, null));
		}
	}

	/** One audit event. */
	record Event(Instant at, String type, String detail) {
	}

	/** A node holding the export from {@code from} to {@code to} (null: to the end of the trail). */
	record Hold(String node, Instant from, Instant to) {
	}

}
