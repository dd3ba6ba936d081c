package org.earthchem.export.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot path from a flight recording: of the execution samples ({@code jdk.ExecutionSample}, a thread caught
 * running Java code) taken in a time window, the methods on top of the stack, and the service's own methods
 * ({@code org.earthchem}) nearest the top, which charges library time to the service code that called it.
 */
final class HotFrames {

	private static final String OWN_CODE = "org.earthchem.";

	private final Map<String, Integer> topOfStack = new HashMap<>();

	private final Map<String, Integer> ownCode = new HashMap<>();

	private int samples;

	private HotFrames() {
	}

	/** Reads the samples of {@code recording} taken between {@code from} and {@code to}. */
	static HotFrames read(Path recording, Instant from, Instant to) throws IOException {
		HotFrames frames = new HotFrames();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null
						&& !event.getStartTime().isBefore(from) && !event.getStartTime().isAfter(to)) {
					frames.add(event.getStackTrace().getFrames());
				}
			}
		}
		return frames;
	}

	private void add(List<RecordedFrame> stack) {
		if (stack.isEmpty()) {
			return;
		}
		this.samples++;
		this.topOfStack.merge(name(stack.get(0)), 1, Integer::sum);
		for (RecordedFrame frame : stack) {
			if (frame.getMethod().getType().getName().startsWith(OWN_CODE)) {
				this.ownCode.merge(name(frame), 1, Integer::sum);
				return;
			}
		}
	}

	/** Both tables, the first {@code limit} methods of each, as text. */
	String summary(int limit) {
		return String.format(Locale.ROOT, "%d execution samples%n%n", this.samples)
				+ table("top of stack", this.topOfStack, limit) + "\n"
				+ table("nearest " + OWN_CODE + "* frame (library time charged to its caller)", this.ownCode, limit);
	}

	private String table(String title, Map<String, Integer> counts, int limit) {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%7s %6s  %s%n", "samples", "%", title));
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> text.append(String.format(Locale.ROOT, "%7d %5.1f%%  %s%n", entry.getValue(),
					100.0 * entry.getValue() / this.samples, entry.getKey())));
		return text.toString();
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
