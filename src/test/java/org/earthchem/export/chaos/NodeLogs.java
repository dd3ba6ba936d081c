package org.earthchem.export.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the nodes' own logs say, every life of each node: the runs that were fenced (a line that says so), and which
 * node moved which task out of Processing when (the task store logs "Task <id> Processing -> <status>") and whether
 * that was a takeover, to hold against who the audit trail says held the export at that moment.
 */
final class NodeLogs {

	private static final Pattern FENCED = Pattern.compile("fenced", Pattern.CASE_INSENSITIVE);

	private static final Pattern TRANSITION = Pattern.compile("Task (\\S+) (Pending|Processing) -> (\\w+)");

	// what a node logs just after it moved a silent node's export to Failed, to take it over
	private static final Pattern TAKEOVER = Pattern.compile("Export (\\S+) was interrupted .*taking it over");

	private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+(?:Z|[+-]\\d\\d:\\d\\d))");

	private final Map<String, Integer> fenced = new TreeMap<>();

	private final List<String> fencedExamples = new ArrayList<>();

	private final List<Transition> transitions = new ArrayList<>();

	private final List<Transition> takeovers = new ArrayList<>();

	private NodeLogs() {
	}

	static NodeLogs read(Map<String, Path> logsByNode) throws IOException {
		NodeLogs logs = new NodeLogs();
		for (Map.Entry<String, Path> node : logsByNode.entrySet()) {
			logs.fenced.put(node.getKey(), 0);
			try (Stream<String> lines = Files.lines(node.getValue())) {
				lines.forEach((line) -> logs.read(node.getKey(), line));
			}
		}
		return logs;
	}

	private void read(String node, String line) {
		if (FENCED.matcher(line).find()) {
			this.fenced.merge(node, 1, Integer::sum);
			if (this.fencedExamples.size() < 5) {
				this.fencedExamples.add(node + ": " + line.strip());
			}
		}
		Matcher transition = TRANSITION.matcher(line);
		Instant at = stamp(line);
		if (transition.find() && at != null) {
			this.transitions.add(new Transition(node, at, transition.group(1), transition.group(2), transition.group(3)));
		}
		Matcher takeover = TAKEOVER.matcher(line);
		if (takeover.find() && at != null) {
			this.takeovers.add(new Transition(node, at, takeover.group(1), "Processing", "Failed"));
		}
	}

	private static Instant stamp(String line) {
		Matcher stamp = STAMP.matcher(line);
		try {
			return stamp.find() ? OffsetDateTime.parse(stamp.group(1)).toInstant() : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Lines that say a run was fenced, by node. */
	Map<String, Integer> fenced() {
		return this.fenced;
	}

	int fencedTotal() {
		return this.fenced.values().stream().mapToInt(Integer::intValue).sum();
	}

	List<String> fencedExamples() {
		return this.fencedExamples;
	}

	/** The task's transitions out of Processing, with the node that logged each. */
	List<Transition> endsOfProcessing(String taskId) {
		return this.transitions.stream()
			.filter((t) -> t.taskId().equals(taskId) && t.from().equals("Processing"))
			.toList();
	}

	/** Whether the node moved the task out of Processing to take it over from a silent node (not to end its run). */
	boolean isTakeover(Transition end) {
		return this.takeovers.stream().anyMatch((t) -> t.taskId().equals(end.taskId()) && t.node().equals(end.node())
				&& Math.abs(t.at().toEpochMilli() - end.at().toEpochMilli()) < 2000);
	}

	/** A status change as a node logged it. */
	record Transition(String node, Instant at, String taskId, String from, String to) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s %s -> %s by %s", this.at, this.from, this.to, this.node);
		}

	}

}
