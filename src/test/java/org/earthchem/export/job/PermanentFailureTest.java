package org.earthchem.export.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.job.run.ExportFailures;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.support.TaskEvents;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.TaskError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure that another attempt would only repeat is not retried: the export ends Failed at its first attempt, with
 * a cause the user can act on.
 */
class PermanentFailureTest extends IntegrationTest {

	@TempDir
	Path home;

	@Test
	void anExportTheBucketRefusesWithAccessDeniedFailsAtItsFirstAttemptWithStorageFailed() throws Exception {
		Map<String, String> properties = ServiceJvm.settings("access-denied");
		// the bucket (S3Proxy checks every signature) refuses these credentials; the task table and queue do not care
		properties.put("spring.cloud.aws.credentials.secret-key", "not-the-bucket-secret");
		try (ServiceJvm refused = new ServiceJvm(properties, Path.of("target", "access-denied.log")).awaitLive()) {
			// a query of its own: the same one asked by another test would be answered with that test's export
			String query = "material=glass,inclusion&columns=sample_id,material,igsn";
			String taskId = this.json.readTree(refused.send("POST", "/api/v1/exports/petdb?" + query).body())
				.path("taskId")
				.asString();

			JsonNode failed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
				.until(() -> task(OPERATOR_KEY, taskId), (t) -> t.path("status").asString().equals("Failed"));

			assertThat(failed.path("error").path("code").asString()).isEqualTo(ErrorCode.STORAGE_FAILED.name());
			assertThat(failed.path("attempts").asInt()).isEqualTo(1);
			assertThat(TaskEvents.types(http(OPERATOR_KEY), taskId)).doesNotContain("RETRY_SCHEDULED");
			assertThat(refused.logLines()).anyMatch((line) -> line.contains(taskId) && line.contains("the bucket refused"));
		}
	}

	@Test
	void failuresAnotherAttemptWouldRepeatAreNotRetried() {
		for (ErrorCode code : new ErrorCode[] { ErrorCode.SOURCE_REJECTED, ErrorCode.STORAGE_FAILED,
				ErrorCode.TOO_MANY_ROWS, ErrorCode.INTERNAL_ERROR, ErrorCode.ABANDONED }) {
			assertThat(ExportFailures.isTransient(new TaskError(code, "x"))).as(code.name()).isFalse();
		}
		for (ErrorCode code : new ErrorCode[] { ErrorCode.SOURCE_UNAVAILABLE, ErrorCode.STORAGE_UNAVAILABLE,
				ErrorCode.INTERRUPTED }) {
			assertThat(ExportFailures.isTransient(new TaskError(code, "x"))).as(code.name()).isTrue();
		}
	}

}
