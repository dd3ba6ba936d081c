package org.earthchem.export.job;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RowPipelineWarmUpTest extends IntegrationTest {

	@Autowired
	private RowPipelineWarmUp warmUp;

	@Autowired
	private ClientWarmUp clientWarmUp;

	@Autowired
	private ExportBucket bucket;

	@Test
	void theWarmUpFormatsUpToItsRowsOfRealDocumentsAndCreatesNoTask() {
		JsonNode before = http(OPERATOR_KEY).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);

		assertThat(this.warmUp.run()).isEqualTo(1000);

		JsonNode after = http(OPERATOR_KEY).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);
		assertThat(after).isEqualTo(before);
	}

	@Test
	void theClientWarmUpSendsItsRequestsAndLeavesNothingInTheBucketOrTheTaskTable() {
		JsonNode before = http(OPERATOR_KEY).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);

		assertThat(this.clientWarmUp.run()).as("5 small parts, 5 reads, 1 whole part").isEqualTo(11);

		assertThat(this.bucket.unfinishedUploads("")).noneMatch((upload) -> upload.key().contains("_warm-up"));
		assertThat(this.bucket.objects("")).noneMatch((object) -> object.key().contains("_warm-up"));
		JsonNode after = http(OPERATOR_KEY).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);
		assertThat(after).isEqualTo(before);
	}

	@Test
	void theServiceIsReadyOnceItsRowPipelineIsWarm() {
		JsonNode health = await().atMost(Duration.ofSeconds(60))
			.until(() -> http(OPERATOR_KEY).get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class),
					(readiness) -> readiness.path("components").has("rowPipeline"));

		assertThat(health.path("components").path("rowPipeline").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("status").asString()).isEqualTo("UP");
	}

}
