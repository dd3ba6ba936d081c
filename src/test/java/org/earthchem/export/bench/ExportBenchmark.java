package org.earthchem.export.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.bench.Results.Target;
import org.earthchem.export.devstack.LocalStack;
import org.springframework.util.FileSystemUtils;

/**
 * {@code make bench}, in one run on the local stack: (a) the floor, the fastest point-in-time read of the 40,000
 * documents among its readers — the JDK's {@code HttpClient}, Python's standard library (when {@code python3} is on
 * the machine) and the service's own page reader, each a read-and-discard — with the service's reader held to within
 * 1.1x of Python's; (b) the series of CSV exports 1 to 5 of a new service JVM and the steady export after them (median
 * of three), through the service's HTTP API; (c) the same for JSON on another new JVM, and the CPU seconds of the
 * service JVM and of OpenSearch for each export, and of an authenticated {@code GET /exports/{id}}; (d) 80,000 rows
 * from a service with its heap capped at 256 MB; (e) three different 40,000-row exports at once; (f) one export each of
 * the other file types (JSON Lines, XLSX, CSV and JSON Lines gzip-compressed) on the warm JVM of (c). The stack (OpenSearch,
 * DynamoDB Local, S3Proxy, ElasticMQ, GreenMail) runs in this driver JVM; each service in a JVM of its own, alone, as
 * {@code make run} starts it; async-profiler is attached to the first one over its steady CSV exports and the top
 * frames of every thread are printed. The indices are seeded once and kept in {@code target/bench-stack/}; everything else goes to
 * {@code target/bench/}: the table as {@code results.json}, the hot frames and the collapsed stacks, the service logs,
 * and the
 * service's own meters after the exports of the first JVM ({@code meters.txt}).
 */
public final class ExportBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ExportBenchmark.class);

	private static final String KEY = "bench-operator-key";

	// the service's default export.page-size: the floor reads in the same pages
	private static final int PAGE_SIZE = 1000;

	private static final String PYTHON_FLOOR = "(a) floor reader: Python 3 http.client";

	private static final int SERIES = 5;

	private static final int STEADY_RUNS = 3;

	private static final int FLOOR_ROUNDS = 3;

	private static final double FIRST_EXPORT_LIMIT = 5;

	private static final double STEADY_LIMIT = 2.5;

	private static final double SERVICE_READER_LIMIT = 1.1;

	private static final int GETS = 3000;

	// the request path compiled first: the figure is a warm service's, not the JIT's
	private static final int WARM_GETS = 6000;

	private static final double GET_CPU_LIMIT_MS = 0.2;

	private static final String SMALL_HEAP = "-Xmx256m";

	private static final long SMALL_HEAP_PEAK_LIMIT = 200L * 1024 * 1024;

	private static final double CONCURRENCY_GAIN = 1.2;

	private final Path home = Path.of("target", "bench").toAbsolutePath();

	private final Path stackHome = Path.of("target", "bench-stack").toAbsolutePath();

	private final Results results = new Results();

	private ExportBenchmark() {
	}

	public static void main(String[] args) {
		int status = 0;
		try {
			new ExportBenchmark().run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		// the embedded servers leave non-daemon threads behind; the benchmark is over
		System.exit(status);
	}

	private void run() throws Exception {
		FileSystemUtils.deleteRecursively(this.home);
		Files.createDirectories(this.home);
		// the indices are kept between runs (seeding them takes minutes); the exported files are not
		FileSystemUtils.deleteRecursively(this.stackHome.resolve("s3"));
		Window steady;
		long steadyCsvBytes;
		String asyncProfile = "";
		String firstExportProfile;
		try (LocalStack stack = new LocalStack(this.stackHome, false, Map.of())) {
			Map<String, String> stackProperties = stack.start();
			String openSearch = stack.openSearchUrl();
			BenchData.seed(openSearch);
			Path sources = BenchData.writeSources(this.home.resolve("sources"));
			Measurement floor = floors(openSearch);
			try (ServiceProcess service = startService("service-csv", stackProperties, sources, List.of())) {
				ExportRunner exports = new ExportRunner(api(service), new CpuMeter(service.handle()), false);
				series(exports, "CSV", "fileType=csv", floor);
				Instant steadyFrom = Instant.now();
				ServiceAndStackProfile profile = ServiceAndStackProfile.start(service, this.home);
				Measurement steadyCsv = steady(exports, "CSV", "fileType=csv", floor);
				steadyCsvBytes = steadyCsv.bytes();
				steady = new Window(steadyFrom, Instant.now());
				asyncProfile = profile.stop("its steady CSV exports", 25);
				getCost(service, exports.lastTaskId());
				concurrent(exports, steadyCsv);
				// what an operator's dashboard would show of this run
				Files.writeString(this.home.resolve("meters.txt"), api(service).exportMeters());
			}
			try (ServiceProcess service = startService("service-json", stackProperties, sources, List.of())) {
				ExportRunner exports = new ExportRunner(api(service), new CpuMeter(service.handle()), false);
				// the first JSON export is profiled, not the first CSV one, whose time is judged
				firstExportProfile = series(exports, "JSON", "fileType=json", floor, service);
				steady(exports, "JSON", "fileType=json", floor);
				otherFormats(exports, floor, steadyCsvBytes);
			}
			Path gcLog = this.home.resolve("service-256m-gc.log");
			try (ServiceProcess service = startService("service-256m", stackProperties, sources,
					List.of(SMALL_HEAP, GcLog.flag(gcLog)))) {
				smallHeap(new ExportRunner(api(service), new CpuMeter(service.handle()), true), gcLog);
			}
		}
		String hotFrames = asyncProfile + "(" + steady.from() + " to " + steady.to() + ")\n\n" + firstExportProfile;
		Files.writeString(this.home.resolve("hot-frames.txt"), hotFrames);
		this.results.details().put("date", Instant.now().toString());
		this.results.details().put("machine",
				Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
		this.results.details().put("serviceJvmFlags", String.join(" ", ServiceProcess.makeRunFlags()));
		this.results.details().put("smallHeapExtraFlags", SMALL_HEAP + " " + GcLog.flag(this.home.resolve("service-256m-gc.log")));
		this.results.write(this.home.resolve("results.json"));
		// the benchmark's output, for the person who ran it
		System.out.printf(Locale.ROOT, "%n%s%nservice JVM flags (pom.xml service.jvm.args, as make run): [%s]; "
				+ "(d) adds %s; async-profiler attached to the first JVM over its steady CSV exports%n%n%s%nwritten to %s%n", hotFrames,
				String.join(" ", ServiceProcess.makeRunFlags()), SMALL_HEAP, this.results.table(), this.home);
	}

	/**
	 * (a): each reader once to warm up, then {@value #FLOOR_ROUNDS} rounds of one read each, the readers taking turns
	 * (so a slow moment of the machine does not favour one); each reader's best. The floor is the fastest of them.
	 */
	private Measurement floors(String openSearch) throws Exception {
		Map<String, FloorReader> javaReaders = new LinkedHashMap<>();
		javaReaders.put("(a) floor reader: JDK HttpClient", new FloorReader(openSearch, PageTransport.jdkHttpClient(openSearch)));
		javaReaders.put("(a) service's page reader (read and discard)",
				new FloorReader(openSearch, PageTransport.serviceReader(openSearch)));
		PythonFloorReader python = PythonFloorReader.onThisMachine(this.home);
		Map<String, Measurement> best = new LinkedHashMap<>();
		for (FloorReader reader : javaReaders.values()) {
			read(reader);
		}
		for (int round = 0; round < FLOOR_ROUNDS; round++) {
			for (Map.Entry<String, FloorReader> reader : javaReaders.entrySet()) {
				keepBest(best, reader.getKey(), read(reader.getValue()));
			}
			if (python != null) {
				// one untimed read, then one timed
				Measurement read = python.read(openSearch, BenchData.INDEX, BenchData.SORT_FIELD, PAGE_SIZE, 1).get(0);
				check(read.rows() == BenchData.ROWS, "the Python floor read " + read.rows() + " documents");
				keepBest(best, PYTHON_FLOOR, read);
			}
		}
		Measurement floor = best.values().stream().min(Comparator.comparingDouble(Measurement::seconds)).orElseThrow();
		Measurement serviceReader = best.get("(a) service's page reader (read and discard)");
		Measurement reference = best.getOrDefault(PYTHON_FLOOR, floor);
		for (Map.Entry<String, Measurement> reader : best.entrySet()) {
			Measurement m = reader.getValue();
			Target target = (m != serviceReader) ? null
					: new Target(String.format(Locale.ROOT, "<= %.1fx the %s floor", SERVICE_READER_LIMIT,
							(reference == floor && !best.containsKey(PYTHON_FLOOR)) ? "fastest" : "Python"),
							String.format(Locale.ROOT, "%.2fx", m.seconds() / reference.seconds()),
							m.seconds() <= SERVICE_READER_LIMIT * reference.seconds());
			this.results.add(reader.getKey() + ((m == floor) ? " = FLOOR" : ""), m, m.seconds() / floor.seconds(),
					target);
			log.info("{}: {} s", reader.getKey(), seconds(m));
		}
		if (python == null) {
			this.results.details().put("pythonFloor", "no python3 on this machine: the floor is the fastest Java reader");
		}
		return floor;
	}

	private static Measurement read(FloorReader reader) throws Exception {
		long started = System.nanoTime();
		FloorReader.Read read = reader.readAll(BenchData.INDEX, BenchData.SORT_FIELD, PAGE_SIZE);
		Measurement m = new Measurement((System.nanoTime() - started) / 1e9, read.documents(), read.bytes(), 0, -1, -1);
		check(m.rows() == BenchData.ROWS, "a floor reader read " + m.rows() + " documents, expected " + BenchData.ROWS);
		return m;
	}

	private static void keepBest(Map<String, Measurement> best, String reader, Measurement m) {
		best.merge(reader, m, (a, b) -> (b.seconds() < a.seconds()) ? b : a);
	}

	/** (b)/(c): the first {@value #SERIES} exports of a new service JVM, each against the floor. */
	private void series(ExportRunner exports, String type, String query, Measurement floor) throws Exception {
		series(exports, type, query, floor, null);
	}

	/**
	 * (b)/(c): exports 1 to {@value #SERIES} of a new service JVM; with {@code profiled}, the service JVM whose first
	 * export async-profiler samples (with this JVM's stack). Returns that profile's summary, or "".
	 */
	private String series(ExportRunner exports, String type, String query, Measurement floor, ServiceProcess profiled)
			throws Exception {
		String firstExportProfile = "";
		var seconds = this.results.details().putArray("series" + type + "Seconds");
		for (int i = 1; i <= SERIES; i++) {
			ServiceAndStackProfile profile = (i == 1 && profiled != null) ? ServiceAndStackProfile.start(profiled, this.home)
					: null;
			Measurement m = export(exports, type + " export " + i, query, BenchData.ROWS);
			if (profile != null) {
				firstExportProfile = profile.stop("its first " + type + " export", 15);
			}
			seconds.add(m.seconds());
			String name = String.format(Locale.ROOT, "(%s) %s export %d of a new JVM", "CSV".equals(type) ? "b" : "c", type, i);
			boolean judged = i == 1 && "CSV".equals(type);
			double ratio = m.seconds() / floor.seconds();
			this.results.add(name, m, ratio, judged ? Target.atMostTimesFloor(FIRST_EXPORT_LIMIT, ratio) : null);
		}
		return firstExportProfile;
	}

	/** (b)/(c): {@value #STEADY_RUNS} more exports after the series; their median against the floor. */
	private Measurement steady(ExportRunner exports, String type, String query, Measurement floor) throws Exception {
		List<Measurement> runs = new ArrayList<>();
		for (int i = 1; i <= STEADY_RUNS; i++) {
			runs.add(export(exports, "steady " + type + " " + i, query, BenchData.ROWS));
		}
		var seconds = this.results.details().putArray("steady" + type + "Seconds");
		runs.forEach((run) -> seconds.add(run.seconds()));
		runs.sort(Comparator.comparingDouble(Measurement::seconds));
		Measurement median = runs.get(STEADY_RUNS / 2);
		double ratio = median.seconds() / floor.seconds();
		this.results.add(String.format(Locale.ROOT, "(%s) %s steady (median of %d after the series)",
				"CSV".equals(type) ? "b" : "c", type, STEADY_RUNS), median, ratio,
				"CSV".equals(type) ? Target.atMostTimesFloor(STEADY_LIMIT, ratio) : null);
		return median;
	}

	/**
	 * The other file types on the warm JVM of (c), one export each: seconds, against the floor, and the bytes stored
	 * against the steady CSV's.
	 */
	private void otherFormats(ExportRunner exports, Measurement floor, long csvBytes) throws Exception {
		for (String query : List.of("fileType=ndjson", "fileType=xlsx", "fileType=csv&compression=gzip",
				"fileType=ndjson&compression=gzip")) {
			Measurement m = export(exports, query, query, BenchData.ROWS);
			String stored = String.format(Locale.ROOT, "%.3fx CSV's bytes", (double) m.bytes() / csvBytes);
			this.results.add("(f) " + query + " (warm JVM), " + stored, m, m.seconds() / floor.seconds(), null);
		}
	}

	/** (c): the service JVM's CPU time for one authenticated poll of a task, over {@value #GETS} of them. */
	private void getCost(ServiceProcess service, String taskId) throws Exception {
		ServiceApi api = api(service);
		CpuMeter cpu = new CpuMeter(service.handle());
		for (int i = 0; i < WARM_GETS; i++) {
			api.task(taskId);
		}
		CpuMeter.Reading before = cpu.read();
		long started = System.nanoTime();
		for (int i = 0; i < GETS; i++) {
			api.task(taskId);
		}
		CpuMeter.Reading used = cpu.read().since(before);
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuMillis = used.service() * 1000 / GETS;
		this.results.add("(c) GET /exports/{id} with an API key, x" + GETS,
				new Measurement(seconds, GETS, 0, 0, -1, -1, used), Double.NaN,
				new Target(String.format(Locale.ROOT, "<= %.1f ms service CPU per GET", GET_CPU_LIMIT_MS),
						String.format(Locale.ROOT, "%.3f ms", cpuMillis), cpuMillis <= GET_CPU_LIMIT_MS));
		log.info("(c) GET /exports/{id}: {} ms of service CPU each", String.format(Locale.ROOT, "%.3f", cpuMillis));
	}

	/** (e): three exports that differ in their query (so they are three tasks) but each match all 40,000 rows. */
	private void concurrent(ExportRunner exports, Measurement warmCsv) throws Exception {
		String year = BenchData.YEAR_PARAMETER + ".min=";
		Measurement m = exports.runTogether(BenchData.SOURCE,
				List.of(year + "1900&fileType=csv", year + "1901&fileType=csv", year + "1902&fileType=csv"));
		log.info("(e) three at once: {} s", seconds(m));
		check(m.rows() == 3L * BenchData.ROWS, "(e) wrote " + m.rows() + " rows, expected " + 3 * BenchData.ROWS);
		double gain = m.rowsPerSecond() / warmCsv.rowsPerSecond();
		this.results.add("(e) 3 different 40k CSV exports at once (total)", m, Double.NaN,
				new Target(String.format(Locale.ROOT, ">= %.1fx (b) warm rows/s", CONCURRENCY_GAIN),
						String.format(Locale.ROOT, "%.2fx", gain), gain >= CONCURRENCY_GAIN));
	}

	/**
	 * (d): a service of its own with the heap capped; its first export, judged on the heap's peak: the higher of the
	 * sampled one and the service's GC log's (the heap in use before each pause of the export).
	 */
	private void smallHeap(ExportRunner exports, Path gcLog) {
		String name = "(d) CSV 80k rows, " + SMALL_HEAP + " (first export)";
		String goal = "80,000 rows, peak heap <= 200 MiB";
		try {
			Instant from = Instant.now();
			Measurement sampled = exports.run(BenchData.BIG_SOURCE, "fileType=csv");
			long logged = GcLog.peakBeforePauses(gcLog, from, Instant.now());
			Measurement m = new Measurement(sampled.seconds(), sampled.rows(), sampled.bytes(), sampled.files(),
					Math.max(sampled.peakHeap(), logged), sampled.peakLiveHeap(), sampled.cpu());
			log.info("(d) 80k rows, {}: {} s", SMALL_HEAP, seconds(m));
			// twice the floor's rows: a ratio to it would mislead
			this.results.add(name, m, Double.NaN, new Target(goal,
					String.format(Locale.ROOT, "%d rows, peak %.0f MiB (sampled %.0f, before a GC pause %.0f)", m.rows(),
							m.peakHeap() / 1048576.0, sampled.peakHeap() / 1048576.0, logged / 1048576.0),
					m.rows() == BenchData.BIG_ROWS && sampled.peakHeap() >= 0 && logged >= 0
							&& m.peakHeap() <= SMALL_HEAP_PEAK_LIMIT));
		}
		catch (Exception ex) {
			// a failure here is the target missed, not the benchmark broken
			log.warn("(d) failed", ex);
			this.results.add(name, new Measurement(Double.NaN, 0, 0, 0, -1, -1), Double.NaN,
					new Target(goal, "failed: " + ex.getMessage(), false));
		}
	}

	private static Measurement export(ExportRunner exports, String what, String query, long expectedRows)
			throws Exception {
		Measurement m = exports.run(BenchData.SOURCE, query);
		log.info("{}: {} s", what, seconds(m));
		check(m.rows() == expectedRows, what + " wrote " + m.rows() + " rows, expected " + expectedRows);
		return m;
	}

	/**
	 * A service JVM as make run starts it, alone: pointed at this driver's stack and the benchmark's sources; ready.
	 */
	private ServiceProcess startService(String name, Map<String, String> stack, Path sources, List<String> extraFlags)
			throws Exception {
		ServiceProcess service = new ServiceProcess(this.home.resolve(name), extraFlags, stack,
				Map.of("EXPORT_SOURCES_DIR", sources.toString()),
				List.of("--export.security.api-keys[0].key=" + KEY,
						"--export.security.api-keys[0].owner=bench",
						"--export.security.api-keys[0].email=bench@example.org",
						"--export.security.api-keys[0].sources=" + BenchData.SOURCE + "," + BenchData.BIG_SOURCE,
						// an operator may read the heap metrics
						"--export.security.api-keys[0].operator=true",
						// one owner measuring: 9,000 GETs of (c) in seconds, then (e)'s polls, all of them answered
						// (the read limit is per owner; a 429 is not the GET being measured)
						"--export.rate-limit.reads-per-minute=1000000", "--export.rate-limit.read-burst=100000"),
				this.home.resolve(name + ".log"));
		try {
			service.awaitReady(api(service));
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
		log.info("{} up at {} with JVM flags {}", name, service.baseUrl(), service.jvmFlags());
		return service;
	}

	private static String seconds(Measurement m) {
		return String.format(Locale.ROOT, "%.2f", m.seconds());
	}

	private static ServiceApi api(ServiceProcess service) {
		return new ServiceApi(service.baseUrl(), KEY);
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	/** A stretch of the run: when the profiled steady exports ran. */
	private record Window(Instant from, Instant to) {
	}

}
