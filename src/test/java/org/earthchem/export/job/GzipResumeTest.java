package org.earthchem.export.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.job.upload.GzipMembers;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TaskEvents;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gzip export interrupted in the middle of a file resumes after its last uploaded part with a new gzip member, and
 * ends with the bytes of an uninterrupted one, which gunzip reads whole.
 */
class GzipResumeTest extends IntegrationTest {

	private static final String QUERY = "seq.min=1&fileType=ndjson&compression=gzip";

	@Autowired
	private TaskStore tasks;

	@Autowired
	private JobRepository jobRepository;

	@Test
	void aGzipFileResumedAfterAPartIsTheUninterruptedFileAndReadsAsOneStream() throws IOException {
		stack().proxy().throttle(1_500_000);
		String taskId = requestExport(OPERATOR_KEY, "noisy", QUERY).getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
			.until(() -> checkpointHoldsAPartOfFirstFile(taskId));

		// the file store goes away (an outage of the search cluster would be waited out in the same run)
		stack().s3Proxy().cut();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> TaskEvents.types(http(OPERATOR_KEY), taskId).contains("RETRY_SCHEDULED"));
		stack().s3Proxy().restore();
		stack().proxy().restore();
		JsonNode resumed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
			.until(() -> task(OPERATOR_KEY, taskId), (t) -> !t.path("status").asString().matches("Pending|Processing"));
		JsonNode uninterrupted = export(OPERATOR_KEY, "noisy", "seq.min=0&fileType=ndjson&compression=gzip");

		assertThat(resumed.path("status").asString()).isEqualTo("Succeeded");
		assertThat(TaskEvents.detail(http(OPERATOR_KEY), taskId, "RESUMED")).startsWith("file 1 ").doesNotContain("after row 0;");
		assertThat(digests(resumed)).hasSize(2).isEqualTo(digests(uninterrupted));
		byte[] file = download(OPERATOR_KEY, taskId, 1).getBody();
		assertThat(GzipMembers.count(file)).isGreaterThanOrEqualTo(2);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
			List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
			assertThat(lines).hasSize(700);
			for (int i = 0; i < lines.size(); i++) {
				assertThat(this.json.readTree(lines.get(i)).path("seq").asInt()).isEqualTo(i + 1);
			}
		}
	}

	private boolean checkpointHoldsAPartOfFirstFile(String taskId) {
		Long executionId = this.tasks.find(taskId).orElseThrow().jobExecutionId();
		if (executionId == null) {
			return false;
		}
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		StepExecution extract = (execution == null) ? null
				: this.jobRepository.getLastStepExecution(execution.getJobInstance(), "extract");
		return extract != null && extract.getExecutionContext().getInt("checkpoint.file.number", 0) == 1
				&& !extract.getExecutionContext().getString("checkpoint.file.parts", "").isEmpty();
	}

	private static List<String> digests(JsonNode task) {
		return task.path("files").findValuesAsString("sha256");
	}

}
