package org.earthchem.export.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Progress a user can plan with: the speed and time left of a running export, the start of a waiting one. */
class ProgressEstimateTest extends IntegrationTest {

	private final List<String> started = new ArrayList<>();

	@Test
	void theTimeLeftOfARunningExportIsWithinAFactorOfTwoOfTheTimeItTakes() {
		// about two seconds a part: a steady pace, as a slow link would give
		stack().s3Proxy().throttleUploads(2_500_000);
		String taskId = requestExport(OPERATOR_KEY, "bulky", "seq.min=-20").getBody().path("taskId").asString();

		// the first reading with a time left, as soon as it shows (the second step of a few parts: about 40 %)
		JsonNode midway = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> task(OPERATOR_KEY, taskId), (task) -> task.path("progress").path("etaSeconds").isNumber()
					|| !task.path("status").asString().matches("Pending|Processing"));
		Instant checked = Instant.now();
		JsonNode finished = awaitFinished(OPERATOR_KEY, taskId);

		// ranges, not figures: a forecast of time is what is checked, and the reading lands where the machine's pace
		// put it; the pace is the throttle's (2.5 MB/s), not the CPU's, so a factor of two holds on a loaded machine
		assertThat(midway.path("progress").path("percent").asDouble()).isBetween(30.0, 60.0);
		assertThat(midway.path("progress").path("rowsPerSecond").asDouble()).isPositive();
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		double eta = midway.path("progress").path("etaSeconds").asDouble();
		double actual = Duration.between(checked, Instant.parse(finished.path("finishedAt").asString())).toMillis()
				/ 1000.0;
		assertThat(eta).as("eta %.1f s against %.1f s", eta, actual).isBetween(actual / 2, actual * 2);
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

}
