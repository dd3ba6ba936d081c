package org.earthchem.export.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The benchmark's measurements, each with its target if it has one: a table for the terminal and a JSON file. */
final class Results {

	private static final double MIB = 1024 * 1024;

	private final List<Line> lines = new ArrayList<>();

	private final ObjectNode json = JsonMapper.builder().build().createObjectNode();

	/** Adds a measurement; {@code ratioToFloor} is NaN where it means nothing, {@code target} null where none. */
	void add(String name, Measurement measurement, double ratioToFloor, Target target) {
		this.lines.add(new Line(name, measurement, ratioToFloor, target));
	}

	/** Something to record in the JSON file beside the measurements (flags, single runs). */
	ObjectNode details() {
		return this.json;
	}

	/** The table as text. */
	String table() {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
				"%-50s %8s %8s %7s %7s %7s %7s %9s %9s %9s %5s  %s%n", "measurement", "seconds", "rows/s", "MB/s",
				"x floor", "svc CPU", "OS CPU", "stack CPU", "peak heap", "live heap", "files", "target"));
		for (Line line : this.lines) {
			Measurement m = line.measurement();
			text.append(String.format(Locale.ROOT, "%-50s %8.2f %8.0f %7.1f %7s %7s %7s %9s %9s %9s %5s  %s%n", line.name(),
					m.seconds(), m.rowsPerSecond(), m.megabytesPerSecond(),
					Double.isNaN(line.ratioToFloor()) ? "-" : String.format(Locale.ROOT, "%.2f", line.ratioToFloor()),
					(m.cpu() != null) ? String.format(Locale.ROOT, "%.2f", m.cpu().service()) : "-",
					(m.cpu() != null) ? String.format(Locale.ROOT, "%.2f", m.cpu().openSearch()) : "-",
					(m.cpu() != null) ? String.format(Locale.ROOT, "%.2f", m.cpu().restOfStack()) : "-",
					mebibytes(m.peakHeap()), mebibytes(m.peakLiveHeap()), (m.files() > 0) ? m.files() : "-",
					(line.target() != null) ? line.target().goal() + ": " + line.target().measured() + " "
							+ (line.target().met() ? "MET" : "MISSED") : ""));
		}
		return text.append("svc CPU / OS CPU / stack CPU: CPU seconds of the service JVM (all threads), of OpenSearch's "
				+ "threads and of the rest of the driver JVM (S3Proxy, DynamoDB Local, ElasticMQ, GreenMail, the bench's "
				+ "polling) during the run; ")
			.append("peak heap: largest jvm.memory.used (area heap) sampled every 100 ms; live heap: largest "
				+ "jvm.gc.live.data.size (old generation after a GC); MiB\n").toString();
	}

	/** Writes everything to {@code file} as JSON. */
	void write(Path file) throws IOException {
		ArrayNode results = this.json.putArray("results");
		for (Line line : this.lines) {
			Measurement m = line.measurement();
			ObjectNode r = results.addObject();
			r.put("name", line.name());
			r.put("seconds", round(m.seconds()));
			r.put("rows", m.rows());
			r.put("bytes", m.bytes());
			r.put("files", m.files());
			r.put("rowsPerSecond", Math.round(m.rowsPerSecond()));
			r.put("megabytesPerSecond", round(m.megabytesPerSecond()));
			r.put("ratioToFloor", Double.isNaN(line.ratioToFloor()) ? null : round(line.ratioToFloor()));
			r.put("serviceCpuSeconds", (m.cpu() != null) ? round(m.cpu().service()) : null);
			r.put("openSearchCpuSeconds", (m.cpu() != null) ? round(m.cpu().openSearch()) : null);
			r.put("restOfStackCpuSeconds", (m.cpu() != null) ? round(m.cpu().restOfStack()) : null);
			r.put("peakHeapBytes", (m.peakHeap() >= 0) ? m.peakHeap() : null);
			r.put("peakLiveHeapAfterGcBytes", (m.peakLiveHeap() >= 0) ? m.peakLiveHeap() : null);
			if (line.target() != null) {
				r.put("target", line.target().goal());
				r.put("measured", line.target().measured());
				r.put("result", line.target().met() ? "MET" : "MISSED");
			}
		}
		Files.writeString(file, this.json.toPrettyString());
	}

	private static String mebibytes(long bytes) {
		return (bytes >= 0) ? String.format(Locale.ROOT, "%.0f MiB", bytes / MIB) : "-";
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private record Line(String name, Measurement measurement, double ratioToFloor, Target target) {
	}

	/**
	 * What a measurement had to reach.
	 *
	 * @param goal the target, e.g. "<= 3x floor"
	 * @param measured what it reached, in the target's terms
	 * @param met whether it reached it
	 */
	record Target(String goal, String measured, boolean met) {

		static Target atMostTimesFloor(double limit, double ratio) {
			return new Target(String.format(Locale.ROOT, "<= %.1fx floor", limit),
					String.format(Locale.ROOT, "%.2fx", ratio), ratio <= limit);
		}

	}

}
