package org.earthchem.export.security;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.queue.QueueProperties;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a caller may not learn or plant: other sources, nodes and storage keys, huge names, forged log lines. */
@ExtendWith(OutputCaptureExtension.class)
class SmallLeaksTest extends IntegrationTest {

	@Autowired
	private ApiKeys keys;

	@Autowired
	private SqsAsyncClient sqs;

	@Autowired
	private QueueProperties queue;

	@Test
	void anUnknownSourceIsA404ThatListsOnlyTheSourcesTheCallerMayExport() {
		ResponseEntity<JsonNode> petdbOnly = http(PETDB_KEY).get().uri("/api/v1/sources/nowhere/count")
			.retrieve()
			.toEntity(JsonNode.class);
		String noSources = this.keys.issue("leak-owner-" + UUID.randomUUID(), "leak@example.org", Set.of(), false).key();
		ResponseEntity<JsonNode> none = http(noSources).post().uri("/api/v1/sources/nowhere/exports")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(petdbOnly.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(petdbOnly.getBody().path("detail").asString()).endsWith("Sources you may export: petdb.")
			.doesNotContain("synthesis", "nasty", "bulky", "nested");
		assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(none.getBody().path("detail").asString()).doesNotContain("petdb", "synthesis");
	}

	@Test
	void ownersSeeNeitherNodesNorStorageKeysInTheirTasksAndEventsOperatorsDo() {
		JsonNode task = export(ALL_KEY, "petdb", "material=glass&columns=sample_id,material");
		String taskId = task.path("taskId").asString();

		String ownersEvents = http(ALL_KEY).get().uri("/api/v1/exports/" + taskId + "/events").retrieve()
			.body(String.class);
		String operatorsEvents = http(OPERATOR_KEY).get().uri("/api/v1/exports/" + taskId + "/events").retrieve()
			.body(String.class);

		assertThat(task.path("node").isNull()).isTrue();
		assertThat(ownersEvents).contains("FILE_STORED").doesNotContain("s3://", "test-node");
		assertThat(operatorsEvents).contains("s3://", "on test-node");
		assertThat(task(OPERATOR_KEY, taskId).path("node").asString()).isEqualTo("test-node");
	}

	@Test
	void aFormBodyParameterWithAHugeNameIsRefusedWith400AndTheNameIsNotEchoedWhole() {
		String hugeName = "n".repeat(1_000_000);

		ResponseEntity<JsonNode> refused = http(ALL_KEY).post()
			.uri("/api/v1/sources/petdb/exports")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(hugeName + "=1")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().path("code").asString()).isEqualTo("INVALID_PARAMETERS");
		assertThat(refused.getBody().toString().length()).isLessThan(2_000);
	}

	@Test
	void aForeignQueueMessageIsDiscardedWithItsPayloadEscapedOnOneLogLine(CapturedOutput output) {
		String marker = "marker-" + UUID.randomUUID();
		String url = this.sqs.getQueueUrl((r) -> r.queueName(this.queue.name())).join().queueUrl();

		this.sqs.sendMessage((r) -> r.queueUrl(url)
			.messageBody(marker + "\r\nFORGED log line\u2028" + marker)
			.messageGroupId(marker)
			.messageDeduplicationId(marker)).join();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getOut().lines().anyMatch((line) -> line.contains(marker)));
		assertThat(output.getOut().lines().filter((line) -> line.contains(marker)))
			.singleElement()
			.asString()
			.contains("payload is not a task id: " + marker + "\\r\\nFORGED log line\\u2028" + marker);
		assertThat(output.getOut().lines().filter((line) -> line.startsWith("FORGED"))).isEmpty();
	}

}
