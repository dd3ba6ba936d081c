package org.earthchem.export.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.tools.attach.VirtualMachine;
import one.profiler.AsyncProfiler;

/**
 * async-profiler (Maven Central's {@code tools.profiler:async-profiler}, its native library inside the jar) attached to
 * a running service JVM for a stretch of the benchmark: CPU samples of every thread — the JIT compilers, the garbage
 * collector and native code included, which a flight recording does not see — written as collapsed stacks and summed
 * up as the top frames, the nearest own frames and the share of each kind of thread. Perf events where the kernel
 * allows them, else the interval timer.
 */
final class CpuProfile implements AutoCloseable {

	private static final String OWN_CODE = "org/earthchem/";

	// the local stack's parts, by the package of the outermost frame of theirs in a sample
	private static final Map<String, String> STACK_PARTS = Map.of("org/gaul/", "S3Proxy",
			"com/amazonaws/services/dynamodbv2/", "DynamoDB Local", "org/elasticmq/", "ElasticMQ",
			"org/apache/pekko/", "ElasticMQ", "com/icegreen/", "GreenMail", "org/opensearch/", "OpenSearch",
			"org/earthchem/export/bench/", "the benchmark's client");

	private final Agent agent;

	private final Path output;

	/** Whether the summary sorts the samples by the local stack's parts (this JVM's profile). */
	private final boolean stackParts;

	private CpuProfile(Agent agent, Path output, boolean stackParts) {
		this.agent = agent;
		this.output = output;
		this.stackParts = stackParts;
	}

	/** Starts profiling the JVM; null when this platform has no library (the flight recording remains). */
	static CpuProfile start(long pid, Path folder) throws Exception {
		Path library = library(folder);
		if (library == null) {
			return null;
		}
		VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
		Agent agent = new Agent() {

			@Override
			public void execute(String command) throws Exception {
				vm.loadAgentPath(library.toString(), command);
			}

			@Override
			public void close() throws IOException {
				vm.detach();
			}

		};
		return start(agent, folder.resolve("async-profile.collapsed"), false);
	}

	/** Starts profiling this JVM (the benchmark's, which holds the local stack); null as above. */
	static CpuProfile startHere(Path folder) throws Exception {
		Path library = library(folder);
		if (library == null) {
			return null;
		}
		AsyncProfiler profiler = AsyncProfiler.getInstance(library.toString());
		return start(profiler::execute, folder.resolve("stack-profile.collapsed"), true);
	}

	private static CpuProfile start(Agent agent, Path output, boolean stackParts) throws Exception {
		try {
			agent.execute("start,event=cpu,interval=1ms,threads");
		}
		catch (Exception perfEventsRefused) {
			agent.execute("start,event=itimer,interval=1ms,threads");
		}
		return new CpuProfile(agent, output, stackParts);
	}

	private static Path library(Path folder) throws IOException {
		String platform = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
		if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
			return null;
		}
		Path library = folder.resolve("libasyncProfiler.so");
		try (InputStream in = CpuProfile.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
			if (in == null) {
				return null;
			}
			Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
		}
		return library;
	}

	/** Stops profiling and returns the summary of what was sampled. */
	String stop(int top) throws Exception {
		this.agent.execute("stop,file=" + this.output + ",collapsed");
		return summary(Files.readAllLines(this.output), top, this.stackParts);
	}

	@Override
	public void close() throws IOException {
		this.agent.close();
	}

	static String summary(List<String> collapsed, int top, boolean stackParts) {
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> own = new HashMap<>();
		Map<String, Long> threads = new HashMap<>();
		Map<String, Long> parts = new HashMap<>();
		long total = 0;
		for (String line : collapsed) {
			int space = line.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			long samples = Long.parseLong(line.substring(space + 1));
			String[] frames = line.substring(0, space).split(";");
			total += samples;
			threads.merge(threadKind(frames[0]), samples, Long::sum);
			self.merge(frames[frames.length - 1], samples, Long::sum);
			String nearestOwn = "(no own frame: " + threadKind(frames[0]) + ")";
			for (int i = frames.length - 1; i > 0; i--) {
				if (frames[i].startsWith(OWN_CODE)) {
					nearestOwn = frames[i];
					break;
				}
			}
			own.merge(nearestOwn, samples, Long::sum);
			parts.merge(part(frames), samples, Long::sum);
		}
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d CPU samples (1 ms each)%n", total));
		table(text, "threads", threads, total, top);
		table(text, "top of stack (self)", self, total, top);
		table(text, "nearest org.earthchem frame (library time charged to its caller)", own, total, top);
		if (stackParts) {
			table(text, "local stack part (outermost frame of one; else the thread)", parts, total, top);
		}
		return text.toString();
	}

	private static String part(String[] frames) {
		for (int i = 1; i < frames.length; i++) {
			for (Map.Entry<String, String> part : STACK_PARTS.entrySet()) {
				if (frames[i].startsWith(part.getKey())) {
					return part.getValue();
				}
			}
		}
		return "(" + threadKind(frames[0]) + ")";
	}

	/** Where the profiler is loaded: another JVM over the attach API, or this one. */
	private interface Agent extends AutoCloseable {

		void execute(String command) throws Exception;

		@Override
		default void close() throws IOException {
		}

	}

	/** The thread's name without its number: the JIT compilers, GC workers, export workers each add up. */
	private static String threadKind(String thread) {
		String name = thread.replaceAll("^\\[|\\]$", "").replaceAll("tid=\\d+", "");
		return name.replaceAll("[-#\\s]*\\d+\\s*$", "").replaceAll("\\d+", "#").trim();
	}

	private static void table(StringBuilder text, String title, Map<String, Long> counts, long total, int top) {
		text.append(String.format(Locale.ROOT, "%nsamples      %%  %s%n", title));
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(top)
			.forEach((entry) -> text.append(String.format(Locale.ROOT, "%7d  %5.1f%%  %s%n", entry.getValue(),
					100.0 * entry.getValue() / Math.max(1, total), entry.getKey().replace('/', '.'))));
	}

}
