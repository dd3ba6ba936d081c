package org.earthchem.export.api;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A user's error report or a task id leads to the logs: one trace from the request through the job. */
@ExtendWith(OutputCaptureExtension.class)
class TraceTest extends IntegrationTest {

	@Test
	void theLogLinesOfAnExportCarryTheTraceIdOfTheRequestThatCreatedIt(CapturedOutput output) {
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		ResponseEntity<JsonNode> created = http(OPERATOR_KEY).post()
			.uri("/api/v1/exports/nasty?fileType=json&value.max=424242")
			.header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
			.retrieve()
			.toEntity(JsonNode.class);
		String taskId = created.getBody().path("taskId").asString();

		assertThat(awaitFinished(OPERATOR_KEY, taskId).path("status").asString()).isEqualTo("Succeeded");

		// the job logs its success just after the status a poll may read first
		List<String> jobLines = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
			.until(() -> output.getAll().lines()
				.filter((line) -> line.contains("Export " + taskId + " succeeded")
						|| line.contains("Task " + taskId + " Pending -> Processing"))
				.toList(), (lines) -> lines.size() == 2);
		assertThat(jobLines).allMatch((line) -> line.contains(traceId));
	}

	@Test
	void aProblemCarriesTheTraceIdOfItsRequestAndTheLogHasIt(CapturedOutput output) {
		ResponseEntity<JsonNode> refused = requestExport(OPERATOR_KEY, "petdb", "sio2.min=abc");

		String traceId = refused.getBody().path("traceId").asString();
		assertThat(traceId).matches("[0-9a-f]{32}");
		assertThat(output.getAll().lines().filter((line) -> line.contains(traceId)))
			.anyMatch((line) -> line.contains("sio2.min"));
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
