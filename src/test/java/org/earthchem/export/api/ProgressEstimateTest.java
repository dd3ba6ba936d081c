package org.earthchem.export.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Progress a user can plan with: the speed and time left of a running export, the start of a waiting one. */
class ProgressEstimateTest extends IntegrationTest {

	private static final long LINK_BYTES_PER_SECOND = 1_000_000;

	private final List<String> started = new ArrayList<>();

	@Test
	void aRunningExportShowsThePaceItsRowsMoveAtAndTheTimeLeftAtThatPace() {
		// one file of three parts (298, 298 and 103 rows) through a link of 1 MB/s: about five seconds a part
		stack().s3Proxy().throttleUploads(LINK_BYTES_PER_SECOND);
		String taskId = requestExport(OPERATOR_KEY, "bulky", "seq.min=-20&seq.max=699").getBody().path("taskId")
			.asString();

		// the speed is known from the second part on (the first part counts once it is on its way)
		JsonNode running = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId), (task) -> task.path("progress").path("etaSeconds").isNumber()
					|| !task.path("status").asString().matches("Pending|Processing"));
		JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(running.path("status").asString()).as("a time left while running: %s", running)
			.isEqualTo("Processing");
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		JsonNode progress = running.path("progress");
		double speed = progress.path("rowsPerSecond").asDouble();
		// never faster than the link lets rows through (a part must be uploaded before the next goes), and not below
		// half the export's own pace from start to end: a stall of the machine between the two steps slows that too
		double bytesPerRow = finished.path("files").get(0).path("bytes").asDouble()
				/ finished.path("files").get(0).path("rows").asDouble();
		double linkPace = LINK_BYTES_PER_SECOND / bytesPerRow;
		double ownPace = finished.path("progress").path("totalRows").asDouble()
				/ seconds(running.path("startedAt"), finished.path("finishedAt"));
		assertThat(speed).as("rows/s shown; link %.1f, own pace %.1f", linkPace, ownPace)
			.isBetween(ownPace / 2, linkPace * 1.2);
		long left = progress.path("totalRows").asLong() - progress.path("rowsWritten").asLong();
		assertThat(progress.path("etaSeconds").asDouble()).isCloseTo(left / speed, within(0.1));
		assertThat(finished.path("progress").path("etaSeconds").isNull()).as("no time left once finished").isTrue();
	}

	@Test
	void aWaitingExportIsExpectedToStartNoSoonerThanTheFirstRunningOneEnds() {
		// a recent duration for the exports ahead of it
		export(OPERATOR_KEY, "nasty", "fileType=json&value.max=123456");
		// three slow exports keep every worker busy, so a fourth waits
		stack().s3Proxy().throttleUploads(2_000_000);
		for (String query : List.of("seq.min=-21", "seq.min=-22", "seq.min=-23")) {
			this.started.add(start(query));
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.started.stream()
				.allMatch((id) -> task(OPERATOR_KEY, id).path("progress").path("etaSeconds").isNumber()));
		String waiting = start("seq.min=-24");
		this.started.add(waiting);

		JsonNode task = task(OPERATOR_KEY, waiting);

		assertThat(task.path("status").asString()).isEqualTo("Pending");
		double soonestEnd = this.started.subList(0, 3).stream()
			.mapToDouble((id) -> task(OPERATOR_KEY, id).path("progress").path("etaSeconds").asDouble())
			.min()
			.orElseThrow();
		// a number (its exact value depends on what else the shared task table holds; StartEstimatesTest checks it)
		assertThat(task.path("estimatedStartSeconds").isNumber()).isTrue();
		assertThat(task.path("estimatedStartSeconds").asDouble()).isGreaterThanOrEqualTo(0);
		assertThat(soonestEnd).isPositive();
		assertThat(task(OPERATOR_KEY, this.started.get(0)).path("estimatedStartSeconds").isNull())
			.as("only a waiting export has an estimated start").isTrue();
	}

	private String start(String query) {
		return requestExport(OPERATOR_KEY, "bulky", query).getBody().path("taskId").asString();
	}

	private static double seconds(JsonNode from, JsonNode to) {
		return Duration.between(Instant.parse(from.asString()), Instant.parse(to.asString())).toMillis() / 1000.0;
	}

}
