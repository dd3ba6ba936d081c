package org.earthchem.export.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Progress a user can plan with: the speed and time left of a running export, the start of a waiting one. */
class ProgressEstimateTest extends IntegrationTest {

	private static final long LINK_BYTES_PER_SECOND = 1_000_000;

	/** The export both tests of a running export read (it takes a quarter of a minute: run once). */
	private static ObservedRun observed;

	@Autowired
	private TaskStore tasks;

	@Autowired
	private RunningTasks running;

	// an owner of its own for the tasks written straight into the table (the operator's key sees every owner's)
	private final StoredTasks stored = new StoredTasks("progress-estimate-test-" + UUID.randomUUID());

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	@Test
	void aRunningExportShowsThePaceItsRowsMoveAt() {
		ObservedRun run = observedRun();

		double speed = run.progress().path("rowsPerSecond").asDouble();
		// never faster than the link lets rows through (a part must be uploaded before the next goes), and not below
		// half the export's own pace from start to end: a stall of the machine between the two steps slows that too
		double ownPace = run.finished().path("progress").path("totalRows").asDouble()
				/ seconds(Instant.parse(run.running().path("startedAt").asString()), run.finishedAt());
		assertThat(speed).as("rows/s shown; link %.1f, own pace %.1f", run.linkPace(), ownPace)
			.isBetween(ownPace / 2, run.linkPace() * 1.2);
	}

	@Test
	void aRunningExportShowsATimeLeftNoShorterThanTheLinkAllowsAndNoLongerThanTheRunTook() {
		ObservedRun run = observedRun();

		double eta = run.progress().path("etaSeconds").asDouble();
		long rowsLeft = run.progress().path("totalRows").asLong() - run.progress().path("rowsWritten").asLong();
		// the rows counted are those of the parts on their way: the rows left cannot pass the link faster than it lets
		// them, and what the run still had to do (the part on its way, then those rows) took at least the time shown
		double realSecondsLeft = seconds(run.seenAt(), run.finishedAt());
		assertThat(eta).as("time left shown with %d rows left; link %.1f rows/s, the run ended %.1f s later", rowsLeft,
				run.linkPace(), realSecondsLeft)
			.isBetween(rowsLeft / (run.linkPace() * 1.2), realSecondsLeft);
		assertThat(run.finished().path("progress").path("etaSeconds").isNull()).as("no time left once finished").isTrue();
	}

	@Test
	void aWaitingExportIsExpectedToStartWhenTheFirstRunningOneEnds() {
		// every worker busy with an export that another node runs, at paces that leave 100, 20 and 30 seconds
		List<String> runningIds = List.of(runningTask(new Progress(100, 1100L, 10.0), 1),
				runningTask(new Progress(0, 1000L, 50.0), 2), runningTask(new Progress(500, 800L, 10.0), 3));
		String waiting = pendingTask().taskId();
		double soonestEnd = runningIds.stream()
			.mapToDouble((id) -> task(OPERATOR_KEY, id).path("progress").path("etaSeconds").asDouble())
			.min()
			.orElseThrow();

		// an estimate keeps what it read of the running exports for a second: it may not know them at once
		JsonNode task = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
			.until(() -> task(OPERATOR_KEY, waiting), (t) -> t.path("estimatedStartSeconds").asDouble() > 0);

		assertThat(task.path("status").asString()).isEqualTo("Pending");
		assertThat(task.path("queuePosition").asInt()).isEqualTo(1);
		assertThat(soonestEnd).isEqualTo(20.0);
		assertThat(task.path("estimatedStartSeconds").asDouble()).isEqualTo(soonestEnd);
		assertThat(task(OPERATOR_KEY, runningIds.get(0)).path("estimatedStartSeconds").isNull())
			.as("only a waiting export has an estimated start").isTrue();
	}

	/**
	 * One file of three parts (298, 298 and 103 rows of the bulky index) through a link of 1 MB/s, about five seconds
	 * a part, seen running at the first answer that shows a time left, then run to its end.
	 */
	private ObservedRun observedRun() {
		if (observed != null) {
			return observed;
		}
		stack().s3Proxy().throttleUploads(LINK_BYTES_PER_SECOND);
		try {
			String taskId = requestExport(OPERATOR_KEY, "bulky", "seq.min=-20&seq.max=699").getBody().path("taskId")
				.asString();
			// the speed is known from the second part on (the first part counts once it is on its way)
			JsonNode running = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
				.until(() -> task(OPERATOR_KEY, taskId), (task) -> task.path("progress").path("etaSeconds").isNumber()
						|| !task.path("status").asString().matches("Pending|Processing"));
			Instant seenAt = Instant.now();
			JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);
			assertThat(running.path("status").asString()).as("a time left while running: %s", running)
				.isEqualTo("Processing");
			assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
			observed = new ObservedRun(running, seenAt, finished);
			return observed;
		}
		finally {
			stack().s3Proxy().restore();
		}
	}

	/** A task Processing on another node, its progress as given (the node writes it, here the test). */
	private String runningTask(Progress progress, long jobExecutionId) {
		String taskId = pendingTask().taskId();
		assertThat(this.tasks.transition(taskId, TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(this.tasks.now(), jobExecutionId, 1, "elsewhere-node"))).isTrue();
		assertThat(this.running.run(taskId, jobExecutionId).progress(progress)).isTrue();
		return taskId;
	}

	/** A Pending task without a queue message: no node starts it. */
	private ExportTask pendingTask() {
		return this.stored.pending(this.tasks, this.tasks.now());
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 1000.0;
	}

	/** An export as seen while it ran ({@code seenAt}: when that answer came) and once it had finished. */
	private record ObservedRun(JsonNode running, Instant seenAt, JsonNode finished) {

		JsonNode progress() {
			return this.running.path("progress");
		}

		Instant finishedAt() {
			return Instant.parse(this.finished.path("finishedAt").asString());
		}

		/** Rows a second the throttled link lets through, at the bytes a row of the stored file takes. */
		double linkPace() {
			JsonNode file = this.finished.path("files").get(0);
			return LINK_BYTES_PER_SECOND / (file.path("bytes").asDouble() / file.path("rows").asDouble());
		}

	}

}
