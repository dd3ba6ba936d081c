package org.earthchem.export.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalPostgres;
import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.Sha256;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.BucketWatch;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.Mails;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service nodes sharing the SQS queue, the job repository (PostgreSQL), the task table and the bucket: they share
 * the work, never run an export twice at once, and finish what a stopped or killed node was running.
 */
class ClusterQueueTest extends IntegrationTest {

	private static final Path HOME = Path.of("target", "cluster-queue").toAbsolutePath();

	private static final int WORKERS = 2;

	/** How long a received message stays hidden unless its node extends it (a dead node does not). */
	private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(15);

	/** Where a resumed export went on: some rows were stored before. */
	private static final String RESUMED_AFTER_STORED_ROWS = "file \\d+ \\(.*\\) after row [\\d,]+; [1-9][\\d,]* rows of the "
			+ "export stored; .*";

	private static LocalPostgres postgres;

	private static final Map<String, ServiceJvm> nodes = new HashMap<>();

	private static List<String> uninterrupted;

	@Autowired
	private TaskStore tasks;

	@Autowired
	private ExportBucket bucket;

	@Autowired
	private RunningTasks running;

	@Autowired
	private PendingTasks pendingTasks;

	@BeforeAll
	static void startTwoNodes() throws IOException {
		Files.createDirectories(HOME);
		postgres = new LocalPostgres(HOME, false).start();
		start("node-a");
		start("node-b");
		nodes.values().forEach(ServiceJvm::awaitReady);
	}

	@AfterAll
	static void stopNodes() throws InterruptedException {
		for (ServiceJvm node : nodes.values()) {
			node.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@BeforeEach
	void bothNodesUp() throws IOException {
		for (String node : List.of("node-a", "node-b")) {
			if (!nodes.containsKey(node)) {
				start(node).awaitReady();
			}
		}
	}

	@AfterEach
	void restoreServers() {
		stack().proxy().restore();
		stack().s3Proxy().restore();
	}

	@Test
	void eightExportsSentToBothNodesRunOnceEachOnBothNodesNeverMoreThanTheWorkersOfANode() throws Exception {
		// slow reads: the exports overlap, a few seconds each
		stack().proxy().throttle(1_000_000);
		List<String> materials = List.of("rock", "glass", "mineral", "inclusion", "rock,glass", "glass,mineral",
				"rock,mineral", "rock,inclusion");
		List<String> taskIds = new ArrayList<>();
		for (int i = 0; i < materials.size(); i++) {
			ServiceJvm node = nodes.get((i % 2 == 0) ? "node-a" : "node-b");
			taskIds.add(taskId(node.send("POST", "/api/v1/exports/petdb?material=" + materials.get(i)).body()));
		}
		// a ninth, cancelled while every worker is busy and others wait: it never starts anywhere
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> taskIds.stream()
				.filter((id) -> this.tasks.find(id).orElseThrow().status() == TaskStatus.PROCESSING)
				.count() == 2 * WORKERS);
		String cancelled = taskId(nodes.get("node-a").send("POST", "/api/v1/exports/petdb?columns=sample_id").body());
		// still Pending (every worker busy): cancelled at once
		assertThat(nodes.get("node-b").send("POST", "/api/v1/exports/" + cancelled + "/cancel").statusCode())
			.isEqualTo(202);

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
			.until(() -> taskIds.stream().allMatch((id) -> !this.tasks.find(id).orElseThrow().status().isActive()));

		Map<String, List<long[]>> runsByNode = new HashMap<>();
		for (String taskId : taskIds) {
			ExportTask task = this.tasks.find(taskId).orElseThrow();
			assertThat(task.status()).as(taskId).isEqualTo(TaskStatus.SUCCEEDED);
			assertThat(task.attempts()).as(taskId).isEqualTo(1);
			assertThat(starts(taskId)).as("starts of " + taskId).hasSize(1);
			// counted where the work is recorded, not from the task's own word
			assertThat(executions(taskId)).as("job executions of " + taskId).isEqualTo(1);
			assertThat(this.bucket.unfinishedUploads(this.bucket.folder("petdb", task.createdAt(), taskId)))
				.as("unfinished uploads of " + taskId).isEmpty();
			runsByNode.computeIfAbsent(task.node(), (node) -> new ArrayList<>())
				.add(new long[] { task.startedAt().toEpochMilli(), task.finishedAt().toEpochMilli() });
		}
		assertThat(runsByNode).as("both nodes work").containsOnlyKeys("node-a", "node-b");
		runsByNode.forEach((node, runs) -> assertThat(mostAtOnce(runs)).as(node).isLessThanOrEqualTo(WORKERS));
		assertThat(this.tasks.find(cancelled).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(starts(cancelled)).isEmpty();
	}

	@Test
	void twelveExportsOfTwoOwnersSentToBothNodesStartInTheOrderTheyWereAcceptedAndNoPlaceInTheQueueEverGrows()
			throws Exception {
		// slow reads: four run at once on the two nodes, the others wait their turn
		stack().proxy().throttle(2_000_000);
		for (int round = 1; round <= 5; round++) {
			List<String> sent = new ArrayList<>();
			Map<String, Integer> lastPlace = new HashMap<>();
			for (int i = 0; i < 12; i++) {
				ServiceJvm node = nodes.get((i % 2 == 0) ? "node-a" : "node-b");
				String key = (i % 3 == 0) ? "all-demo-key" : OPERATOR_KEY;
				var answer = node.withApiKey(key)
					.send("POST", "/api/v1/exports/petdb?material=rock&sio2.max=" + (100 + round) + "." + (10 + i));
				node.withApiKey(OPERATOR_KEY);
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
				sent.add(taskId(answer.body()));
				watchPlaces(sent, lastPlace);
				Thread.sleep(200);
			}
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
				.until(() -> watchPlaces(sent, lastPlace) == 0);
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
				.until(() -> sent.stream().noneMatch((id) -> this.tasks.find(id).orElseThrow().status().isActive()));

			List<ExportTask> done = sent.stream().map((id) -> this.tasks.find(id).orElseThrow()).toList();
			assertThat(done).as("round " + round).allMatch((task) -> task.status() == TaskStatus.SUCCEEDED);
			List<String> accepted = done.stream()
				.sorted(java.util.Comparator.comparing(ExportTask::createdAt).thenComparing(ExportTask::taskId))
				.map(ExportTask::taskId)
				.toList();
			List<String> started = done.stream()
				.sorted(java.util.Comparator.comparing(ExportTask::startedAt).thenComparing(ExportTask::createdAt))
				.map(ExportTask::taskId)
				.toList();
			assertThat(accepted).as("round %d: sent in this order", round).isEqualTo(sent);
			assertThat(started).as("round %d: started in the order accepted", round).isEqualTo(accepted);
			assertThat(done.stream().map(ExportTask::node).distinct()).as("round %d: both nodes work", round)
				.hasSize(2);
		}
	}

	/**
	 * Reads the place of every Pending task of {@code sent} as a GET shows it and checks that none grew since it was last
	 * read; returns how many are Pending.
	 */
	private int watchPlaces(List<String> sent, Map<String, Integer> lastPlace) {
		int pending = 0;
		for (String taskId : sent) {
			ExportTask task = this.tasks.find(taskId).orElseThrow();
			Integer place = this.pendingTasks.position(task);
			if (place == null) {
				continue;
			}
			pending++;
			Integer before = lastPlace.put(taskId, place);
			assertThat(place).as("place of %s, %d before", taskId, before).isLessThanOrEqualTo((before == null) ? place : before);
		}
		return pending;
	}

	@Test
	void aNodeStoppedWithSigtermHandsItsExportBackAndTheOtherResumesItAtOnce() throws Exception {
		Running running = startBulkyExportAndCatchItMidway("seq.min=-11");
		String other = running.node().equals("node-a") ? "node-b" : "node-a";

		long stopped = System.nanoTime();
		nodes.remove(running.node()).close();
		stack().s3Proxy().restore();
		TaskEvent resumed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> event(running.taskId(), TaskEventType.RESUMED), (event) -> event != null);
		double secondsToResume = (System.nanoTime() - stopped) / 1e9;
		ExportTask finished = awaitSucceeded(running.taskId());

		TaskEvent handedBack = event(running.taskId(), TaskEventType.HANDED_BACK);
		assertThat(handedBack.detail()).contains(running.node());
		// at once: on the fresh message the stopping node sent, not on the held one coming back after its visibility
		// timeout (both times written by the nodes to the shared task table, from this machine's one clock)
		assertThat(Duration.between(handedBack.at(), resumed.at())).as("from hand-back to resume")
			.isLessThan(VISIBILITY_TIMEOUT);
		assertThat(resumed.detail()).matches(RESUMED_AFTER_STORED_ROWS).endsWith("on " + other);
		assertThat(finished.node()).isEqualTo(other);
		// the state, not the seconds, tells a hand-back from a message that came back after its visibility timeout:
		// that one finds a Processing task without heartbeat and counts a failed attempt (the SIGKILL test below)
		assertThat(finished.attempts()).as("a hand-back is not a failed attempt").isEqualTo(1);
		assertThat(executions(running.taskId())).as("the stopped execution and the one that resumed it").isEqualTo(2);
		assertThat(finished.files().stream().map(ExportFile::sha256).toList()).isEqualTo(uninterrupted());
		System.out.printf("hand-back after SIGTERM: RESUMED on %s %.1f s after the signal, at %s%n", other,
				secondsToResume, resumed.detail());
	}

	@Test
	void aNodeKilledMidExportLeavesItToTheOtherWhichResumesItFromTheLastUploadedPart() throws Exception {
		Running running = startBulkyExportAndCatchItMidway("seq.min=-12");
		String other = running.node().equals("node-a") ? "node-b" : "node-a";

		long killed = System.nanoTime();
		nodes.remove(running.node()).kill();
		stack().s3Proxy().restore();
		TaskEvent resumed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
			.until(() -> event(running.taskId(), TaskEventType.RESUMED), (event) -> event != null);
		double secondsToResume = (System.nanoTime() - killed) / 1e9;
		ExportTask finished = awaitSucceeded(running.taskId());

		assertThat(resumed.detail()).matches(RESUMED_AFTER_STORED_ROWS).endsWith("on " + other);
		assertThat(finished.node()).isEqualTo(other);
		assertThat(finished.attempts()).isEqualTo(2);
		assertThat(finished.interruptions()).as("the node's death is an interruption").isEqualTo(1);
		assertThat(finished.failedAttempts()).as("not a failed attempt of the export").isEqualTo(1);
		assertThat(executions(running.taskId())).isEqualTo(2);
		assertThat(finished.files().stream().map(ExportFile::sha256).toList()).isEqualTo(uninterrupted());
		System.out.printf("takeover after SIGKILL: RESUMED on %s %.1f s after the kill, at %s%n", other,
				secondsToResume, resumed.detail());
	}

	@Test
	void aNodeFrozenPastItsLeaseLosesItsExportToTheOtherAndWakesWithoutWritingAnythingMore() throws Exception {
		Running running = startBulkyExportAndCatchItMidway("seq.min=-13");
		String other = running.node().equals("node-a") ? "node-b" : "node-a";
		ServiceJvm frozen = nodes.get(running.node());
		ExportTask before = this.tasks.find(running.taskId()).orElseThrow();

		frozen.freeze();
		try {
			// the other node finds the run silent once the message is back, takes the task and goes on with the upload
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
				.until(() -> event(running.taskId(), TaskEventType.RESUMED), (event) -> event != null);
			ExportTask taken = this.tasks.find(running.taskId()).orElseThrow();
			assertThat(taken.node()).isEqualTo(other);
			assertThat(taken.jobExecutionId()).isGreaterThan(before.jobExecutionId());
		}
		finally {
			frozen.thaw();
		}
		ExportTask finished = awaitSucceeded(running.taskId());

		// the woken run learns at its first write that it lost the export, says so once, and writes nothing more
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> fencedWarnings(frozen, running.taskId()), (lines) -> lines.size() == 1);
		// its own upload, not the start-up warm-up's (exports/_warm-up/…), which the node may abort at any time
		assertThat(frozen.logLines())
			.noneMatch((line) -> line.contains("Aborted the unfinished upload") && line.contains(running.taskId()));
		// taken over straight back to Pending, never through a final status; a part the woken run still sent makes
		// the current run's completion fail and go on from its checkpoint, which may take an attempt more
		List<String> changes = statusChanges(running.taskId());
		assertThat(changes).startsWith("Pending -> Processing on " + running.node(), "Processing -> Pending",
				"Pending -> Processing on " + other)
			.endsWith("Processing -> Succeeded")
			.noneMatch((change) -> change.contains("Failed"));
		assertThat(executions(running.taskId())).as("job executions in the shared repository")
			.isEqualTo(finished.attempts());
		// the bytes: the stored objects are those of an uninterrupted run, as recorded, and nothing is left unfinished
		assertThat(finished.files().stream().map(ExportFile::sha256).toList()).isEqualTo(uninterrupted());
		for (ExportFile file : finished.files()) {
			try (var stored = this.bucket.open(file.location())) {
				assertThat(Sha256.hex(stored.readAllBytes())).as(file.name()).isEqualTo(file.sha256());
			}
		}
		String folder = this.bucket.folder("bulky", finished.createdAt(), running.taskId());
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> Mails.mentioning(running.taskId()).size() == 1);
		assertThat(Mails.mentioning(running.taskId())).hasSize(1);
	}

	@Test
	void aFrozenRunReleasedToPendingThatWakesBeforeAnyNodeTakesItWritesNothingAndTheExportEndsWithItsBytes()
			throws Exception {
		Running running = startBulkyExportAndCatchItInItsSecondFile("seq.min=-15");
		ServiceJvm frozen = nodes.get(running.node());
		List<String> storedBefore;

		frozen.freeze();
		try {
			// another node (this test's) releases the silent run to Pending; none takes it before the run wakes
			ExportTask silent = this.tasks.find(running.taskId()).orElseThrow();
			storedBefore = storedKeys(silent);
			assertThat(this.running.release(silent, new TaskError(ErrorCode.INTERRUPTED, "Taken from a silent node."),
					true, "released by the test")).isTrue();
		}
		finally {
			frozen.thaw();
		}
		int eventsAtRelease = this.tasks.events(running.taskId()).size();

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> fencedWarnings(frozen, running.taskId()), (lines) -> lines.size() == 1);
		assertWroteNothingSinceRelease(running, frozen, eventsAtRelease, storedBefore);

		ExportTask finished = awaitSucceeded(running.taskId());
		assertStoredAsUninterrupted(finished);
	}

	@Test
	void aFrozenRunReleasedToFailedThatWakesAfterItsMessageMovedOnDeletesNothingAndARestartEndsWithItsBytes()
			throws Exception {
		Running running = startBulkyExportAndCatchItInItsSecondFile("seq.min=-16");
		String other = running.node().equals("node-a") ? "node-b" : "node-a";
		ServiceJvm frozen = nodes.get(running.node());
		List<String> storedBefore;
		int eventsAtRelease;

		frozen.freeze();
		try {
			ExportTask silent = this.tasks.find(running.taskId()).orElseThrow();
			storedBefore = storedKeys(silent);
			assertThat(this.running.release(silent, new TaskError(ErrorCode.INTERRUPTED, "Taken from a silent node."),
					false, "released for good by the test")).isTrue();
			eventsAtRelease = this.tasks.events(running.taskId()).size();
			// the held message comes back and the other node receives it (the task is Failed: it only tells the
			// owner), so the woken node can no longer keep its message either: its run ends STOPPED
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> Mails.mentioning(running.taskId()).size() == 1);
		}
		finally {
			frozen.thaw();
		}

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> fencedWarnings(frozen, running.taskId()), (lines) -> lines.size() == 1);
		assertWroteNothingSinceRelease(running, frozen, eventsAtRelease, storedBefore);
		assertThat(this.tasks.find(running.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);

		long latest = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> latestExecution(running.taskId()), (execution) -> execution.status().matches("FAILED|STOPPED"))
			.id();
		assertThat(nodes.get(other).send("POST", "/api/v1/admin/executions/" + latest + "/restart").statusCode())
			.isEqualTo(202);
		ExportTask finished = awaitSucceeded(running.taskId());
		assertStoredAsUninterrupted(finished);
	}

	@Test
	void anOperatorCannotAbandonNorRestartAnExecutionThatIsNotItsExportsLatest() throws Exception {
		Running running = startBulkyExportAndCatchItMidway("seq.min=-17");
		long first = this.tasks.find(running.taskId()).orElseThrow().jobExecutionId();
		nodes.remove(running.node()).kill();
		stack().s3Proxy().restore();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
			.until(() -> event(running.taskId(), TaskEventType.RESUMED), (event) -> event != null);
		long current = this.tasks.find(running.taskId()).orElseThrow().jobExecutionId();
		ServiceJvm node = nodes.values().iterator().next();

		for (String action : List.of("abandon", "restart")) {
			var answer = node.send("POST", "/api/v1/admin/executions/" + first + "/" + action);
			assertThat(answer.statusCode()).as(action).isEqualTo(409);
			assertThat(this.json.readTree(answer.body()).path("latestExecutionId").asLong()).as(action)
				.isEqualTo(current);
		}
		JsonNode older = this.json.readTree(node.send("GET", "/api/v1/admin/executions/" + first).body());
		assertThat(older.path("latest").asBoolean()).isFalse();
		ExportTask finished = awaitSucceeded(running.taskId());
		assertThat(finished.attempts()).isEqualTo(2);
	}

	@Test
	void aCancelAcceptedByOneNodeStopsTheExportRunningOnTheOtherAndLeavesNothingInTheBucket() throws Exception {
		Running running = startBulkyExportAndCatchItMidway("seq.min=-14");
		String other = running.node().equals("node-a") ? "node-b" : "node-a";

		assertThat(nodes.get(other).send("POST", "/api/v1/exports/" + running.taskId() + "/cancel").statusCode())
			.isEqualTo(202);
		ExportTask cancelled = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> this.tasks.find(running.taskId()).orElseThrow(), (t) -> !t.status().isActive());

		assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(cancelled.node()).isEqualTo(running.node());
		assertThat(cancelled.progress().rowsWritten()).isLessThan(cancelled.progress().totalRows());
		String folder = this.bucket.folder("bulky", cancelled.createdAt(), running.taskId());
		assertThat(this.bucket.objects(folder)).isEmpty();
		assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
		assertThat(executions(running.taskId())).isEqualTo(1);
	}

	/** An export of the bulky index, caught once a part of it is uploaded and checkpointed; which node runs it is the queue's choice. */
	private Running startBulkyExportAndCatchItMidway(String query) throws Exception {
		return startBulkyExportAndCatchIt(query, (taskId, uploadedParts) -> uploadedParts >= 2);
	}

	/** An export of the bulky index, caught once its first file is stored and a part of its second uploaded. */
	private Running startBulkyExportAndCatchItInItsSecondFile(String query) throws Exception {
		return startBulkyExportAndCatchIt(query,
				(taskId, uploadedParts) -> event(taskId, TaskEventType.FILE_STORED) != null && uploadedParts >= 1);
	}

	/** An export of the bulky index, caught once {@code caught} holds of it and the parts of its unfinished upload. */
	private Running startBulkyExportAndCatchIt(String query, java.util.function.BiPredicate<String, Integer> caught)
			throws Exception {
		uninterrupted();
		// about a second a part: the export is still running when the node goes
		stack().s3Proxy().throttleUploads(5_000_000);
		try (BucketWatch watch = new BucketWatch(stack().s3Endpoint(), LocalStack.BUCKET)) {
			JsonNode created = this.json.readTree(nodes.get("node-a").send("POST", "/api/v1/exports/bulky?" + query).body());
			String taskId = created.path("taskId").asString();
			String folder = this.bucket.folder("bulky", Instant.parse(created.path("createdAt").asString()), taskId);
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
				.until(() -> caught.test(taskId, watch.uploadedParts(folder)));
			return new Running(taskId, this.tasks.find(taskId).orElseThrow().node());
		}
	}

	/**
	 * The woken run of {@code frozen} wrote nothing since its task was released: no event, no stored file removed or
	 * added, no upload aborted (its log says nothing of the bucket for the task).
	 */
	private void assertWroteNothingSinceRelease(Running running, ServiceJvm frozen, int eventsAtRelease,
			List<String> storedBefore) throws IOException {
		List<TaskEvent> events = this.tasks.events(running.taskId());
		List<String> since = events.subList(eventsAtRelease, events.size()).stream()
			.takeWhile((event) -> event.detail() == null || !event.detail().startsWith("Pending -> Processing"))
			.map((event) -> event.type() + " " + event.detail())
			.toList();
		assertThat(since).as("events after the release, before another run took the task")
			.noneMatch((event) -> event.contains(running.node()) || event.startsWith("FILE_STORED")
					|| event.startsWith("RESUMED") || event.startsWith("HANDED_BACK"));
		ExportTask now = this.tasks.find(running.taskId()).orElseThrow();
		assertThat(storedKeys(now)).as("stored files").containsAll(storedBefore);
		assertThat(frozen.logLines()).as("the woken node's bucket actions for the task")
			.noneMatch((line) -> line.contains(running.taskId())
					&& (line.contains("Aborted") || line.contains("remove") || line.contains("cancelled")));
	}

	/** The keys of the task's finished files in the bucket. */
	private List<String> storedKeys(ExportTask task) {
		return this.bucket.objects(this.bucket.folder("bulky", task.createdAt(), task.taskId())).stream()
			.map((object) -> object.key())
			.toList();
	}

	/** Every file the task records is in the bucket, with the bytes of an uninterrupted run. */
	private void assertStoredAsUninterrupted(ExportTask finished) throws IOException {
		assertThat(finished.files().stream().map(ExportFile::sha256).toList()).isEqualTo(uninterrupted());
		for (ExportFile file : finished.files()) {
			try (var stored = this.bucket.open(file.location())) {
				assertThat(Sha256.hex(stored.readAllBytes())).as(file.name()).isEqualTo(file.sha256());
			}
		}
	}

	/** The task's latest job execution in the shared repository: its id and status. */
	private static Execution latestExecution(String taskId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
				PreparedStatement query = connection.prepareStatement("SELECT e.JOB_EXECUTION_ID, e.STATUS FROM "
						+ "BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = "
						+ "e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'taskId' AND p.PARAMETER_VALUE = ? "
						+ "ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1")) {
			query.setString(1, taskId);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return new Execution(result.getLong(1), result.getString(2));
			}
		}
	}

	private record Execution(long id, String status) {
	}

	/** The files of the same rows exported without interruption (by the test's own service). */
	private List<String> uninterrupted() {
		if (uninterrupted == null) {
			uninterrupted = export(OPERATOR_KEY, "bulky", "seq.min=-10").path("files").findValuesAsString("sha256");
		}
		return uninterrupted;
	}

	private ExportTask awaitSucceeded(String taskId) {
		ExportTask task = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.tasks.find(taskId).orElseThrow(), (t) -> !t.status().isActive());
		assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
		return task;
	}

	private List<String> starts(String taskId) {
		return this.tasks.events(taskId).stream().map(TaskEvent::detail)
			.filter((detail) -> detail != null && detail.startsWith("Pending -> Processing")).toList();
	}

	private List<String> statusChanges(String taskId) {
		return this.tasks.events(taskId).stream()
			.filter((event) -> event.type() == TaskEventType.STATUS_CHANGED)
			.map(TaskEvent::detail)
			.toList();
	}

	private static List<String> fencedWarnings(ServiceJvm node, String taskId) throws IOException {
		return node.logLines().stream()
			.filter((line) -> line.contains("WARN") && line.contains(taskId) && line.contains("was fenced"))
			.toList();
	}

	/** The job executions of the task in the shared job repository, counted there and not from the task. */
	private static int executions(String taskId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
				PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS "
						+ "WHERE PARAMETER_NAME = 'taskId' AND PARAMETER_VALUE = ?")) {
			query.setString(1, taskId);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private TaskEvent event(String taskId, TaskEventType type) {
		return this.tasks.events(taskId).stream().filter((event) -> event.type() == type).findFirst().orElse(null);
	}

	private String taskId(String body) {
		return this.json.readTree(body).path("taskId").asString();
	}

	private static int mostAtOnce(List<long[]> runs) {
		int most = 0;
		for (long[] run : runs) {
			long at = run[0];
			most = Math.max(most, (int) runs.stream().filter((other) -> other[0] <= at && at < other[1]).count());
		}
		return most;
	}

	private static ServiceJvm start(String nodeId) throws IOException {
		// a queue of the two nodes' own (the test's own service listens on the shared one)
		Map<String, String> properties = ServiceJvm.settings("cluster");
		properties.putAll(postgres.jobRepository());
		// a dead node's message is back 10 to 15 s after its last extension, by when it has been silent for a lease
		properties.put("export.queue.visibility-timeout", VISIBILITY_TIMEOUT.toSeconds() + "s");
		properties.put("export.lease", "8s");
		properties.put("export.workers", String.valueOf(WORKERS));
		// nine exports of one owner at once
		properties.put("export.max-active-per-owner", "20");
		properties.put("export.node-id", nodeId);
		ServiceJvm node = new ServiceJvm(properties, HOME.resolve(nodeId + "-" + System.nanoTime() + ".log"));
		nodes.put(nodeId, node);
		return node;
	}

	private record Running(String taskId, String node) {
	}

}
