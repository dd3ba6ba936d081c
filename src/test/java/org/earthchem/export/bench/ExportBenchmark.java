package org.earthchem.export.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.earthchem.export.localstack.DemoIndices;
import org.earthchem.export.localstack.LocalStack;
import org.earthchem.export.localstack.PetDbSamples;
import org.earthchem.export.source.OpenSearchProperties;
import org.earthchem.export.source.OpenSearchTransports;
import org.earthchem.export.source.SearchCluster;

/**
 * {@code make bench}: on the local stack, in one run, the floor (a point-in-time read of every document) against the
 * service's own exports through its HTTP API — 40,000 PetDB-like rows as CSV and as JSON, and 80,000 rows with the
 * service's heap capped at 256 MB. Prints a table and writes it to {@code target/bench/results.json}.
 */
public final class ExportBenchmark {

	static final String KEY = "bench-operator-key";


	static final int ROWS = 40_000;

	static final int BIG_ROWS = 80_000;

	static final int PAGE_SIZE = 1000;

	static final String HEAP = "256m";

	private ExportBenchmark() {
	}

	public static void main(String[] args) {
		int status = 0;
		try {
			run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		// the embedded servers leave non-daemon threads behind; the benchmark is over
		System.exit(status);
	}

	private static void run() throws Exception {
		Path home = Path.of("target", "bench").toAbsolutePath();
		deleteTree(home);
		Files.createDirectories(home);
		List<Row> table = new ArrayList<>();
		try (LocalStack stack = new LocalStack(home.resolve("stack"), false)) {
			Map<String, String> stackProperties = stack.start();
			String openSearch = stack.openSearchUrl();
			DemoIndices.seed(openSearch, "bench-petdb-40k", PetDbSamples.GENERATOR, ROWS);
			DemoIndices.seed(openSearch, "bench-petdb-80k", PetDbSamples.GENERATOR, BIG_ROWS);
			// merged to one segment each and idle, so background merging does not blur the measurements
			forceMerge(openSearch, "bench-petdb-40k,bench-petdb-80k");
			Path sources = writeSources(home.resolve("sources"));

			// (a) the floor, after one warm-up read
			// the service's own client configuration, so the floor and the exports read alike
			try (OpenSearchTransport transport = OpenSearchTransports.create(new OpenSearchProperties(
					java.net.URI.create(openSearch), null, null, java.time.Duration.ofSeconds(2),
					java.time.Duration.ofSeconds(60)))) {
				SearchCluster cluster = new SearchCluster(new OpenSearchClient(transport), JsonMapper.builder().build());
				table.add(floor("(a) floor: PIT + search_after read, 40k docs", new FloorReader(cluster)));
				table.add(floor("(a') same read, JDK HTTP client (reference)",
						new FloorReader(cluster, FloorReader.jdkClient(openSearch))));
			}

			Map<String, String> service = new LinkedHashMap<>(stackProperties);
			service.put("export.sources-dir", sources.toString());
			service.put("export.storage.work-dir", home.resolve("work").toString());
			service.put("export.page-size", String.valueOf(PAGE_SIZE));
			// the benchmark's own operator key (operators may read the heap metric)
			service.put("export.security.api-keys[0].key", KEY);
			service.put("export.security.api-keys[0].owner", "bench");
			service.put("export.security.api-keys[0].email", "bench@example.org");
			service.put("export.security.api-keys[0].sources[0]", "bench");
			service.put("export.security.api-keys[0].sources[1]", "bench80k");
			service.put("export.security.api-keys[0].operator", "true");
			service.put("spring.datasource.url", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
			service.put("logging.level.root", "warn");
			// step durations, to see where an export spends its time
			service.put("logging.level.org.springframework.batch.core.step.AbstractStep", "info");
			int port = freePort();
			try (ServiceProcess process = new ServiceProcess(HEAP, port, service, home.resolve("service.log"))) {
				process.awaitReady(java.time.Duration.ofMinutes(2));
				// one full warm-up export of each format so the measured ones run on compiled code, as in a service
				// that has been up for a while: the flattener, the writers, AES-GCM (Tink), SHA-256 and the S3 client
				// (interpreted AES-GCM alone runs at ~70 MB/s until the JIT compiles it)
				process.export("bench", "fileType=csv");
				process.export("bench", "fileType=json");
				add(table, "(b) export CSV, 40k rows x 2,897 columns", process.export("bench", "fileType=csv"), ROWS);
				add(table, "(c) export JSON, 40k rows x 2,897 columns", process.export("bench", "fileType=json"), ROWS);
				add(table, "(d) export CSV, 80k rows, heap capped at " + HEAP, process.export("bench80k", "fileType=csv"),
						BIG_ROWS);
			}
		}
		report(table, home);
	}

	/** One warm-up read, then the best of three: the floor is what reading costs at least. */
	private static Row floor(String name, FloorReader reader) {
		reader.readAll("bench-petdb-40k", "sample_id", PAGE_SIZE);
		double seconds = Double.MAX_VALUE;
		long[] read = null;
		for (int i = 0; i < 3; i++) {
			long started = System.nanoTime();
			read = reader.readAll("bench-petdb-40k", "sample_id", PAGE_SIZE);
			seconds = Math.min(seconds, (System.nanoTime() - started) / 1e9);
		}
		check(read[0] == ROWS, name + " read " + read[0] + " documents, expected " + ROWS);
		return new Row(name, seconds, read[0], read[1], 0, 0);
	}

	private static void add(List<Row> table, String name, ServiceProcess.Measurement m, long expectedRows) {
		check(m.rows() == expectedRows, name + ": " + m.rows() + " rows, expected " + expectedRows);
		table.add(new Row(name, m.seconds(), m.rows(), m.bytes(), m.heapPeakBytes(), m.files()));
	}

	private static void report(List<Row> table, Path home) throws Exception {
		double floor = table.get(0).seconds();
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%n%-48s %9s %10s %9s %8s %10s %6s%n", "measurement", "seconds", "rows/s",
				"MB/s", "x floor", "peak heap", "files"));
		ObjectNode json = JsonMapper.builder().build().createObjectNode();
		json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version"));
		json.put("serviceHeap", HEAP);
		ArrayNode rows = json.putArray("results");
		for (Row row : table) {
			double ratio = row.seconds() / floor;
			text.append(String.format(Locale.ROOT, "%-48s %9.2f %10.0f %9.1f %8.2f %10s %6s%n", row.name(), row.seconds(),
					row.rows() / row.seconds(), row.bytes() / 1e6 / row.seconds(), ratio,
					row.heapPeak() > 0 ? String.format(Locale.ROOT, "%.0f MB", row.heapPeak() / 1e6) : "-",
					row.files() > 0 ? String.valueOf(row.files()) : "-"));
			ObjectNode r = rows.addObject();
			r.put("name", row.name());
			r.put("seconds", round(row.seconds()));
			r.put("rows", row.rows());
			r.put("bytes", row.bytes());
			r.put("rowsPerSecond", Math.round(row.rows() / row.seconds()));
			r.put("megabytesPerSecond", round(row.bytes() / 1e6 / row.seconds()));
			r.put("ratioToFloor", round(ratio));
			r.put("peakHeapBytes", row.heapPeak());
			r.put("files", row.files());
		}
		double reference = table.get(1).seconds();
		double csvSeconds = table.get(2).seconds();
		double jsonSeconds = table.get(3).seconds();
		double csv = csvSeconds / floor;
		double jsonRatio = jsonSeconds / floor;
		boolean csvOk = csv <= 3;
		boolean jsonOk = jsonRatio <= 3;
		text.append(String.format(Locale.ROOT, "%ntargets: CSV <= 3x floor: %.2fx %s; JSON <= 3x floor: %.2fx %s; "
				+ "80k rows in %s heap: succeeded%n", csv, csvOk ? "MET" : "MISSED", jsonRatio, jsonOk ? "MET" : "MISSED", HEAP));
		text.append(String.format(Locale.ROOT, "against the JDK-client read (a'): CSV %.2fx, JSON %.2fx%n",
				csvSeconds / reference, jsonSeconds / reference));
		json.put("csvToReferenceFloor", round(csvSeconds / reference));
		json.put("jsonToReferenceFloor", round(jsonSeconds / reference));
		json.put("csvTargetMet", csvOk);
		json.put("jsonTargetMet", jsonOk);
		Files.writeString(home.resolve("results.json"), json.toPrettyString());
		text.append("written to ").append(home.resolve("results.json")).append('\n');
		// the table is the benchmark's output, for the person who ran it
		System.out.print(text);
	}

	private static Path writeSources(Path dir) throws Exception {
		Files.createDirectories(dir);
		String common = """
				sortField: sample_id
				textFields: [sample_name, comments, citation.title]
				parameters:
				  material: { field: material, kind: term }
				columns: mapping
				""";
		Files.writeString(dir.resolve("bench.yml"), "name: bench\ntitle: Bench 40k\nindex: bench-petdb-40k\n" + common);
		Files.writeString(dir.resolve("bench80k.yml"), "name: bench80k\ntitle: Bench 80k\nindex: bench-petdb-80k\n" + common);
		return dir;
	}

	private static void forceMerge(String openSearch, String indices) throws Exception {
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.build();
		java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(openSearch + "/" + indices + "/_forcemerge?max_num_segments=1"))
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.timeout(java.time.Duration.ofMinutes(10))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		check(response.statusCode() == 200, "force merge answered " + response.statusCode() + ": " + response.body());
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static int freePort() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteTree(Path dir) throws Exception {
		if (Files.exists(dir)) {
			try (var paths = Files.walk(dir)) {
				for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	private record Row(String name, double seconds, long rows, long bytes, long heapPeak, int files) {
	}

}
