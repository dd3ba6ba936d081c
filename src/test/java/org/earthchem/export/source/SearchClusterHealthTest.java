package org.earthchem.export.source;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health endpoint reports the search cluster and the task table. */
class SearchClusterHealthTest extends IntegrationTest {

	@Test
	void healthIsUpWithTheSearchClusterAndTheTaskTable() {
		JsonNode health = http(OPERATOR_KEY).get().uri("/actuator/health").retrieve().body(JsonNode.class);

		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("searchCluster").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("taskTable").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void healthIsOpenToAnyoneButShowsItsDetailsOnlyToOperators() {
		JsonNode health = http(null).get().uri("/actuator/health").retrieve().body(JsonNode.class);

		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.has("components")).isFalse();
	}

	@Test
	void readinessIsDownWhileTheSearchClusterCannotBeReached() {
		try {
			stack().proxy().cut();

			// once the last check is older than export.health.cache-ttl
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http(null).get()
				.uri("/actuator/health/readiness").retrieve().body(JsonNode.class).path("status").asString())
				.isEqualTo("DOWN"));
		}
		finally {
			stack().proxy().restore();
		}
	}

}
