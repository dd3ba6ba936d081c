package org.earthchem.export.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.earthchem.export.chaos.FaultSchedule.Fault;

/** The outcome of a chaos run: a table for the terminal, and the same with every detail as JSON and text. */
final class ChaosReport {

	private final ObjectNode json = ChaosApi.JSON.createObjectNode();

	private final StringBuilder table = new StringBuilder();

	private final List<Fault> faults;

	private final OutsideChecks checks;

	ChaosReport(String setup, List<Fault> faults, List<String> faultProblems, int exports, OutsideChecks checks,
			NodeLogs logs, Map<String, String> fencedMetric, long polls, long unanswered, Instant began) {
		long hit = faults.stream().filter((f) -> !f.hit().isEmpty()).count();
		long seconds = Duration.between(began, Instant.now()).toSeconds();
		row("setup", setup, "");
		row("faults injected", faults.size() + " (" + hit + " hit a running export)",
				faultProblems.isEmpty() ? "" : "FAIL: " + faultProblems.size() + " not injected");
		row("exports", String.valueOf(exports), "");
		row("resumed (RESUMED events)", String.valueOf(checks.resumed()), "");
		row("handed back / retries scheduled", checks.handedBack() + " / " + checks.retries(), "");
		row("fenced runs (lines saying so in the node logs)", logs.fencedTotal() + " " + compact(logs.fenced()), "");
		row("export_runs_fenced_total before the nodes stop", compact(fencedMetric), "");
		for (Map.Entry<String, List<String>> check : checks.violations().entrySet()) {
			row(check.getKey(), String.valueOf(check.getValue().size()), check.getValue().isEmpty() ? "pass" : "FAIL");
		}
		row("status polls (unanswered)", polls + " (" + unanswered + ")", "");
		row("time", String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60), "");
		this.json.put("passed", passed(checks, faultProblems)).put("setup", setup).put("seconds", seconds);
		ArrayNode faultList = this.json.putArray("faults");
		for (Fault fault : faults) {
			faultList.addObject().put("at", fault.at().toString()).put("kind", fault.kind()).put("target", fault.target())
				.put("heldSeconds", fault.held().toSeconds()).set("hit", ChaosApi.JSON.valueToTree(fault.hit()));
		}
		this.json.set("faultProblems", ChaosApi.JSON.valueToTree(faultProblems));
		this.json.set("violations", ChaosApi.JSON.valueToTree(checks.violations()));
		this.json.set("fencedLogLines", ChaosApi.JSON.valueToTree(logs.fenced()));
		this.json.set("fencedLogExamples", ChaosApi.JSON.valueToTree(logs.fencedExamples()));
		this.json.set("fencedMetric", ChaosApi.JSON.valueToTree(fencedMetric));
		this.json.set("exports", checks.details());
		this.faults = faults;
		this.checks = checks;
	}

	static boolean passed(OutsideChecks checks, List<String> faultProblems) {
		return checks.passed() && faultProblems.isEmpty();
	}

	private void row(String what, String value, String verdict) {
		this.table.append(String.format(Locale.ROOT, "| %-48s | %-50s | %-4s |%n", what, value, verdict));
	}

	private static String compact(Map<String, ?> byNode) {
		StringBuilder text = new StringBuilder("(");
		byNode.forEach((node, value) -> text.append(text.length() > 1 ? ", " : "").append(node).append(' ').append(value));
		return text.append(')').toString();
	}

	/** The table, the faults with the exports they hit, and the first violations of each check. */
	String text() {
		StringBuilder text = new StringBuilder(this.table).append("\nfaults:\n");
		for (Fault fault : this.faults) {
			text.append("  ").append(fault.at()).append("  ").append(fault.kind()).append(" on ").append(fault.target())
				.append(": ").append(fault.hit().isEmpty() ? "no export running there" : String.join(", ", fault.hit()))
				.append('\n');
		}
		this.checks.violations().forEach((check, violations) -> {
			if (!violations.isEmpty()) {
				text.append("\n").append(check).append(":\n");
				violations.stream().limit(12).forEach((v) -> text.append("  ").append(v).append('\n'));
				if (violations.size() > 12) {
					text.append("  … ").append(violations.size() - 12).append(" more in result.json\n");
				}
			}
		});
		return text.toString();
	}

	void write(Path folder) throws IOException {
		Files.writeString(folder.resolve("result.txt"), text());
		Files.writeString(folder.resolve("result.json"),
				ChaosApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this.json));
	}

}
