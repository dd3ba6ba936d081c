package org.earthchem.export.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.bench.Results.Target;
import org.earthchem.export.localstack.LocalStack;
import org.springframework.util.FileSystemUtils;

/**
 * {@code make bench}, in one run on the local stack: (a) the floor, the fastest point-in-time read of the 40,000
 * documents we can write; (b) their CSV export through the service's HTTP API, cold (the service's first export) and
 * warm (median of three); (c) the same as JSON; (d) 80,000 rows from a service with its heap capped at 256 MB;
 * (e) three different 40,000-row exports at once. The service runs in JVMs of its own, started as {@code make run}
 * starts it; the first one under a flight recording whose hot frames over the warm exports are printed. Everything
 * goes to {@code target/bench/}: the table as {@code results.json}, the hot frames, the recording, the service logs,
 * and the service's own meters after the exports of the first JVM ({@code meters.txt}).
 */
public final class ExportBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ExportBenchmark.class);

	private static final String KEY = "bench-operator-key";

	// the service's default export.page-size: the floor reads in the same pages
	private static final int PAGE_SIZE = 1000;

	private static final int WARM_RUNS = 3;

	private static final String SMALL_HEAP = "-Xmx256m";

	private static final long SMALL_HEAP_PEAK_LIMIT = 200L * 1024 * 1024;

	private static final double CONCURRENCY_GAIN = 1.2;

	private final Path home = Path.of("target", "bench").toAbsolutePath();

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
		Path recording = this.home.resolve("service.jfr");
		Window warm;
		// the whole stack lives in the driver: the service JVMs hold the service alone
		try (LocalStack stack = new LocalStack(this.home.resolve("driver-stack"), false)) {
			Map<String, String> servers = stack.start();
			String openSearch = stack.openSearchUrl();
			BenchData.seed(openSearch);
			Path sources = BenchData.writeSources(this.home.resolve("sources"));
			Measurement floor = floor(new FloorReader(openSearch));
			this.results.add("(a) floor: PIT read, JDK HTTP client, raw bytes", floor, 1, null);
			try (ServiceProcess service = startService("service", servers, sources,
					List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true"))) {
				warm = exports(new ExportRunner(api(service)), floor);
				// what an operator's dashboard would show of this run
				Files.writeString(this.home.resolve("meters.txt"), api(service).exportMeters());
			}
			try (ServiceProcess service = startService("service-256m", servers, sources, List.of(SMALL_HEAP))) {
				smallHeap(new ExportRunner(api(service)));
			}
		}
		String hotFrames = "JFR of the first service JVM over its warm exports (" + warm.from() + " to " + warm.to()
				+ ")\n" + HotFrames.read(recording, warm.from(), warm.to()).summary(25);
		Files.writeString(this.home.resolve("hot-frames.txt"), hotFrames);
		this.results.details().put("machine",
				Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
		this.results.details().put("serviceJvmFlags", String.join(" ", ServiceProcess.makeRunFlags()));
		this.results.details().put("smallHeapExtraFlags", SMALL_HEAP);
		this.results.write(this.home.resolve("results.json"));
		// the benchmark's output, for the person who ran it
		System.out.printf(Locale.ROOT, "%n%s%nservice JVM flags (pom.xml service.jvm.args, as make run): [%s]; "
				+ "(d) adds %s; the first JVM records JFR%n%n%s%nwritten to %s%n", hotFrames,
				String.join(" ", ServiceProcess.makeRunFlags()), SMALL_HEAP, this.results.table(), this.home);
	}

	/** One warm-up read, then the best of three: the floor is what reading costs at least. */
	private static Measurement floor(FloorReader reader) throws Exception {
		reader.readAll(BenchData.INDEX, BenchData.SORT_FIELD, PAGE_SIZE);
		Measurement best = null;
		for (int i = 0; i < 3; i++) {
			long started = System.nanoTime();
			FloorReader.Read read = reader.readAll(BenchData.INDEX, BenchData.SORT_FIELD, PAGE_SIZE);
			Measurement m = new Measurement((System.nanoTime() - started) / 1e9, read.documents(), read.bytes(), 0, -1, -1);
			check(m.rows() == BenchData.ROWS, "the floor read " + m.rows() + " documents, expected " + BenchData.ROWS);
			best = (best == null || m.seconds() < best.seconds()) ? m : best;
		}
		log.info("(a) floor: {} s", seconds(best));
		return best;
	}

	/** (b), (c) and (e) on one service; returns the time window of the warm exports. */
	private Window exports(ExportRunner exports, Measurement floor) throws Exception {
		Measurement coldCsv = export(exports, "(b) cold CSV", "fileType=csv", BenchData.ROWS);
		addAgainstFloor("(b) CSV 40k x 2,897, cold (first export)", coldCsv, floor, 6);
		Measurement coldJson = export(exports, "(c) first JSON", "fileType=json", BenchData.ROWS);
		this.results.add("(c) JSON 40k x 2,897, first JSON export", coldJson, coldJson.seconds() / floor.seconds(), null);
		Instant warmFrom = Instant.now();
		Measurement csv = medianOfWarm(exports, "csv");
		addAgainstFloor("(b) CSV 40k x 2,897, warm (median of 3)", csv, floor, 3);
		Measurement json = medianOfWarm(exports, "json");
		addAgainstFloor("(c) JSON 40k x 2,897, warm (median of 3)", json, floor, 3);
		Instant warmTo = Instant.now();
		concurrent(exports, csv);
		return new Window(warmFrom, warmTo);
	}

	private Measurement medianOfWarm(ExportRunner exports, String fileType) throws Exception {
		List<Measurement> runs = new ArrayList<>();
		for (int i = 1; i <= WARM_RUNS; i++) {
			runs.add(export(exports, "warm " + fileType + " " + i, "fileType=" + fileType, BenchData.ROWS));
		}
		var seconds = this.results.details().putArray("warm" + fileType.toUpperCase(Locale.ROOT) + "Seconds");
		runs.forEach((run) -> seconds.add(run.seconds()));
		runs.sort(Comparator.comparingDouble(Measurement::seconds));
		return runs.get(WARM_RUNS / 2);
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

	/** (d): a service of its own with the heap capped; its first export, judged on the sampled heap peak. */
	private void smallHeap(ExportRunner exports) {
		String name = "(d) CSV 80k rows, " + SMALL_HEAP + " (first export)";
		String goal = "80,000 rows, sampled peak heap <= 200 MiB";
		try {
			Measurement m = exports.run(BenchData.BIG_SOURCE, "fileType=csv");
			log.info("(d) 80k rows, {}: {} s", SMALL_HEAP, seconds(m));
			// twice the floor's rows: a ratio to it would mislead
			this.results.add(name, m, Double.NaN,
					new Target(goal, String.format(Locale.ROOT, "%d rows, peak %.0f MiB", m.rows(), m.peakHeap() / 1048576.0),
							m.rows() == BenchData.BIG_ROWS && m.peakHeap() >= 0 && m.peakHeap() <= SMALL_HEAP_PEAK_LIMIT));
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

	private void addAgainstFloor(String name, Measurement m, Measurement floor, double limit) {
		double ratio = m.seconds() / floor.seconds();
		this.results.add(name, m, ratio, Target.atMostTimesFloor(limit, ratio));
	}

	/** A service JVM as make run starts it, pointed at the driver's stack and the benchmark's sources, ready. */
	private ServiceProcess startService(String name, Map<String, String> servers, Path sources, List<String> extraFlags)
			throws Exception {
		ServiceProcess service = new ServiceProcess(this.home.resolve(name), extraFlags, servers,
				Map.of("EXPORT_SOURCES_DIR", sources.toString()),
				List.of("--export.security.api-keys[0].key=" + KEY,
						"--export.security.api-keys[0].owner=bench",
						"--export.security.api-keys[0].email=bench@example.org",
						"--export.security.api-keys[0].sources=" + BenchData.SOURCE + "," + BenchData.BIG_SOURCE,
						// an operator may read the heap metrics
						"--export.security.api-keys[0].operator=true"),
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

	/** A stretch of the run, to pick the flight recording's samples from. */
	private record Window(Instant from, Instant to) {
	}

}
