package org.earthchem.export.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.earthchem.export.chaos.ExportsUnderTest.Export;
import org.earthchem.export.devstack.DemoIndices;
import org.earthchem.export.devstack.LocalPostgres;
import org.earthchem.export.devstack.PetDbSamples;
import org.earthchem.export.devstack.Ports;
import org.springframework.util.FileSystemUtils;

/**
 * {@code make chaos}: NODES service nodes (default 3) on a fresh local stack run EXPORTS exports (default 24) of a
 * PetDB-like index of ROWS documents (default 40,000; 2,897 columns) while nodes are paused, killed and stopped and
 * the AWS side and the search cluster freeze; then every export is judged from outside the service
 * ({@link OutsideChecks}). {@code SCENARIO=hard}: four nodes and 36 exports in CSV, JSON, NDJSON and gzipped CSV, and
 * the faults of {@link FaultSchedule#runHard}: the job repository frozen, the search cluster killed and started again,
 * two nodes killed at once. The table goes to the terminal and, with every detail, to {@code target/chaos/result.*};
 * the exit code is 1 when a check fails.
 */
public final class ChaosRun {

	// settings of every node on top of the stack's; the lease (15 s) and visibility timeout (30 s) keep their defaults
	private static final Map<String, String> NODE_SETTINGS = Map.of("spring.profiles.active", "local",
			// three nodes of three workers ran nine 40,000-row exports at once on two cores, five minutes each: a
			// worker came free so seldom that no node took a paused node's export over within its pause
			"export.workers", "2",
			// an export may be struck by every fault of the schedule, each costing an attempt: attempts running out
			// would end it Failed for a reason that is configuration, and hide the failures looked for
			"export.max-attempts", "6",
			// the default 10 s doubling to 160 s at the sixth attempt would not fit a ten-minute run
			"export.retry-backoff", "2s",
			// the status watch polls every task each second as one operator (api.md asks clients for every 10 s):
			// about 24 reads a second, beyond the default per-owner read limit of 300 a minute
			"export.rate-limit.reads-per-minute", "6000", "export.rate-limit.read-burst", "300");

	private final Path home = Path.of("target", "chaos").toAbsolutePath();

	private final Instant began = Instant.now();

	/** {@code SCENARIO=hard}: four nodes, 36 exports of four formats, and the backends broken too. */
	private final boolean hard = "hard".equals(System.getenv("SCENARIO"));

	private final int nodeCount = setting("NODES", this.hard ? 4 : 3);

	private final int exportCount = setting("EXPORTS", this.hard ? 36 : 24);

	private final int rows = setting("ROWS", 40_000);

	private final boolean calmEach = "each".equals(System.getenv("CALM"));

	private ChaosRun() {
	}

	public static void main(String[] args) {
		int status;
		try {
			status = new ChaosRun().run() ? 0 : 1;
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 2;
		}
		// the stack's servers leave non-daemon threads behind
		System.exit(status);
	}

	private boolean run() throws Exception {
		FileSystemUtils.deleteRecursively(this.home);
		Files.createDirectories(this.home);
		say(String.format(Locale.ROOT, "chaos%s: %d nodes, %d exports of %,d rows, calm runs %s; everything in %s",
				this.hard ? " (SCENARIO=hard)" : "", this.nodeCount, this.exportCount, this.rows,
				this.calmEach ? "of each export" : "per file type (CALM=each for one per export)", this.home));
		// the index is the run's input, not state under test: kept between runs (per ROWS), as seeding it takes minutes
		Path index = this.home.resolveSibling("chaos-index").resolve("rows-" + this.rows);
		// its own port, kept when it is killed and started again on the same data
		try (StackProcess search = StackProcess.start(ChaosStack.OPENSEARCH, this.home, "2g", index.toString(),
				String.valueOf(Ports.free()));
				LocalPostgres postgres = new LocalPostgres(this.home, false)) {
			String openSearch = search.awaitEndpoints(Duration.ofMinutes(3)).get("export.opensearch.url");
			try (StackProcess aws = StackProcess.start(ChaosStack.AWS, this.home, "1g", openSearch)) {
				long seeding = System.nanoTime();
				DemoIndices.seed(openSearch, DemoIndices.PETDB_INDEX, PetDbSamples.GENERATOR, this.rows);
				// the synthesis source of the local profile needs its index at start
				DemoIndices.seedDemo(openSearch);
				say(String.format(Locale.ROOT, "index of %,d PetDB documents ready in %d s (kept in %s)", this.rows,
						(System.nanoTime() - seeding) / 1_000_000_000, index));
				postgres.start();
				Map<String, String> settings = new LinkedHashMap<>(aws.awaitEndpoints(Duration.ofMinutes(2)));
				settings.putAll(postgres.jobRepository());
				settings.putAll(NODE_SETTINGS);
				List<ServiceNode> nodes = new ArrayList<>();
				// Ctrl-C skips the finally blocks: the nodes and PostgreSQL would outlive the run (the stack's JVMs
				// end with this one by themselves)
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					nodes.forEach(ServiceNode::destroy);
					postgres.close();
				}, "chaos-stop"));
				try {
					for (int i = 1; i <= this.nodeCount; i++) {
						nodes.add(new ServiceNode(i, Ports.free(), settings, this.home));
						nodes.get(i - 1).start();
					}
					for (ServiceNode node : nodes) {
						node.awaitHealthy(Duration.ofMinutes(4));
					}
					say("nodes up: " + nodes.stream().map((n) -> n.name() + " " + n.url()).toList());
					return chaos(nodes, aws, search, postgres, settings);
				}
				finally {
					for (ServiceNode node : nodes) {
						node.stop();
					}
				}
			}
		}
	}

	private boolean chaos(List<ServiceNode> nodes, StackProcess aws, StackProcess search, LocalPostgres postgres,
			Map<String, String> settings) throws Exception {
		ChaosApi api = new ChaosApi(nodes);
		ExportsUnderTest exports = new ExportsUnderTest(api, this.hard ? ExportsUnderTest.FOUR_FORMATS
				: ExportsUnderTest.CSV_AND_JSON);
		exports.issueOwners(this.exportCount);
		FaultSchedule faults = new FaultSchedule(nodes, aws, search, postgres, api, this::say);
		CalmRuns calm = new CalmRuns(exports);
		Map<String, String> fencedMetric = new TreeMap<>();
		StatusWatch watch = new StatusWatch(api);
		try {
			exports.submit(this.exportCount);
			exports.all().forEach((export) -> watch.watch(export.taskId()));
			say("asked for " + this.exportCount + " exports; the faults begin");
			// from the last request on: asking for them all took a minute and a half on two busy cores
			if (this.hard) {
				faults.runHard();
			}
			else {
				faults.run();
			}
			say("faults over; waiting for every export to end");
			if (!watch.awaitAllFinal(Duration.ofMinutes(6))) {
				say("not every export ended within 6 minutes of the last fault");
			}
			// counters die with a node's life: read them before anything stops
			for (ServiceNode node : nodes) {
				fencedMetric.put(node.name(), api.fencedRuns(node));
			}
			calm.start(this.calmEach);
			say("chaos exports ended; " + calm.count() + " calm exports for the reference bytes");
			List<String> calmFailures = calm.awaitEnd(Duration.ofMinutes(8));
			// the watch kept polling the chaos exports meanwhile: a late change of a final status shows
			return judge(exports, watch, calm, calmFailures, api, postgres, settings, faults, fencedMetric, nodes);
		}
		finally {
			watch.close();
		}
	}

	private boolean judge(ExportsUnderTest exports, StatusWatch watch, CalmRuns calm, List<String> calmFailures,
			ChaosApi api, LocalPostgres postgres, Map<String, String> settings, FaultSchedule faults,
			Map<String, String> fencedMetric, List<ServiceNode> nodes) throws Exception {
		OutsideChecks checks = new OutsideChecks();
		calmFailures.forEach(checks::calmRunFailed);
		JobExecutions jobs = JobExecutions.read(postgres.jdbcUrl(), postgres.username(), postgres.password());
		Map<String, Integer> mails = MailCount.awaitCounts(Integer.parseInt(settings.get(ChaosStack.IMAP_PORT)),
				exports.owners().stream().map(ExportsUnderTest.Owner::email).toList(),
				exports.all().stream().map(Export::taskId).toList());
		Map<String, Path> logFiles = new TreeMap<>();
		nodes.forEach((node) -> logFiles.put(node.name(), node.log()));
		NodeLogs logs = NodeLogs.read(logFiles);
		try (StoredFiles bucket = new StoredFiles(settings.get("spring.cloud.aws.s3.endpoint"),
				settings.get("export.s3.bucket"))) {
			List<String> calmProblems = new ArrayList<>();
			for (Export export : exports.all()) {
				String id = export.taskId();
				checks.judge(export, exports.task(id), watch.history(id), watch.finalThenChanged(id),
						EventTrail.read(api, id), jobs.of(id), bucket, calm.digests(export.number(), bucket, calmProblems),
						mails.getOrDefault(id, 0), logs);
			}
			calmProblems.stream().distinct().forEach(checks::calmRunFailed);
			checks.judgeBucket(bucket);
		}
		String setup = String.format(Locale.ROOT, "%s%d nodes, %d exports x %,d rows, calm %s",
				this.hard ? "SCENARIO=hard, " : "", this.nodeCount, this.exportCount, this.rows,
				this.calmEach ? "each" : "per-type");
		ChaosReport report = new ChaosReport(setup, faults.faults(), faults.problems(), this.exportCount, checks, logs,
				fencedMetric, watch.polls(), watch.unanswered(), this.began);
		report.write(this.home);
		System.out.println("\n" + report.text() + "\nwritten to " + this.home.resolve("result.txt") + " and result.json");
		return ChaosReport.passed(checks, faults.problems());
	}

	private void say(String line) {
		long seconds = Duration.between(this.began, Instant.now()).toSeconds();
		// the run's progress, for the person at the terminal
		System.out.printf(Locale.ROOT, "[%3d:%02d] %s%n", seconds / 60, seconds % 60, line);
	}

	private static int setting(String name, int fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

}
