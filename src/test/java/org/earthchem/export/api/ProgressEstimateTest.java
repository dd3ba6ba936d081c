package org.earthchem.export.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Progress a user can plan with: the speed and time left of a running export, the start of a waiting one. */
class ProgressEstimateTest extends IntegrationTest {

	/** Most a progress write takes from the moment its speed is sampled to when a reading can see it. */
	private static final double WRITE_TIME = 1.0;

	private final List<String> started = new ArrayList<>();

	@Test
	void aRunningExportShowsThePaceItsRowsMoveAtAndTheTimeLeftAtThatPace() {
		// one file of three parts (298, 298 and 104 rows), about five seconds a part: a slow link's steady pace
		stack().s3Proxy().throttleUploads(1_000_000);
		String taskId = requestExport(OPERATOR_KEY, "bulky", "seq.min=-20&seq.max=699").getBody().path("taskId")
			.asString();

		// the first part on its way, then the second: the pace is measured between the two steps
		Sighting firstStep = sight(taskId, (task) -> task.path("progress").path("rowsWritten").asLong() > 0);
		Sighting secondStep = sight(taskId, (task) -> task.path("progress").path("etaSeconds").isNumber());
		JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);

		assertThat(firstStep.task().path("progress").path("rowsPerSecond").isNull()).as("no pace from one step").isTrue();
		JsonNode progress = secondStep.task().path("progress");
		double speed = progress.path("rowsPerSecond").asDouble();
		long moved = progress.path("rowsWritten").asLong() - firstStep.task().path("progress").path("rowsWritten").asLong();
		// what the service measured is what was seen from outside: the seconds its speed implies between the steps lie
		// within the times the steps were first and last unseen, whatever the machine's load made of them (a stall
		// slows both), give or take the time a progress write takes to show (a speed 30 % off is outside)
		double implied = moved / speed;
		assertThat(implied).as("%d rows at %.1f rows/s", moved, speed)
			.isBetween(seconds(firstStep.seen(), secondStep.unseen()) - WRITE_TIME,
					seconds(firstStep.unseen(), secondStep.seen()) + WRITE_TIME);
		long left = progress.path("totalRows").asLong() - progress.path("rowsWritten").asLong();
		assertThat(progress.path("etaSeconds").asDouble()).isCloseTo(left / speed, within(0.1));
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
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

	/**
	 * Polls the task until a condition holds (or it finished), noting when the last poll that missed it asked and
	 * when the first that saw it answered: the change became visible between the two.
	 */
	private Sighting sight(String taskId, Predicate<JsonNode> condition) {
		AtomicReference<Instant> unseen = new AtomicReference<>(Instant.now());
		JsonNode task = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			Instant asked = Instant.now();
			JsonNode polled = task(OPERATOR_KEY, taskId);
			if (!condition.test(polled)) {
				unseen.set(asked);
			}
			return polled;
		}, (polled) -> condition.test(polled) || !polled.path("status").asString().matches("Pending|Processing"));
		assertThat(condition.test(task)).as("seen while running: %s", task).isTrue();
		return new Sighting(task, unseen.get(), Instant.now());
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 1000.0;
	}

	/** A task reading that first showed a change, between the last poll that missed it and its own answer. */
	private record Sighting(JsonNode task, Instant unseen, Instant seen) {
	}

}
