package org.earthchem.export.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A metrics key (issued as {@code make apikey METRICS=true} issues it) reads the metrics and nothing else. */
class MetricsKeyTest extends IntegrationTest {

	@Test
	void aMetricsKeyReadsThePrometheusMetrics() {
		RestClient scraper = http(issueMetricsKey("scraper-1"));

		ResponseEntity<String> metrics = scraper.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);

		assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(metrics.getBody()).contains("export_");
	}

	@Test
	void aMetricsKeyIsRefusedEveryOtherRoute() {
		RestClient scraper = http(issueMetricsKey("scraper-2"));

		for (String path : List.of("/api/v1/exports", "/api/v1/sources", "/api/v1/me", "/api/v1/admin/queue",
				"/api/v1/admin/api-keys", "/actuator/info", "/actuator/metrics")) {
			assertThat(scraper.get().uri(path).retrieve().toBodilessEntity().getStatusCode()).as(path)
				.isEqualTo(HttpStatus.FORBIDDEN);
		}
		assertThat(scraper.post().uri("/api/v1/sources/petdb/exports?material=rock").retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aMetricsKeyHasNoSourcesNorTheOperatorRole() {
		ResponseEntity<JsonNode> withSources = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/api-keys")
			.body(Map.of("owner", "scraper-3", "metrics", true, "sources", List.of("petdb")))
			.retrieve()
			.toEntity(JsonNode.class);
		ResponseEntity<JsonNode> operator = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/api-keys")
			.body(Map.of("owner", "scraper-3", "metrics", true, "operator", true))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(withSources.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	private String issueMetricsKey(String owner) {
		ResponseEntity<JsonNode> issued = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/api-keys")
			.body(Map.of("owner", owner, "metrics", true))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(issued.getBody().path("info").path("metrics").asBoolean()).isTrue();
		assertThat(issued.getBody().path("info").path("sources").isEmpty()).isTrue();
		return issued.getBody().path("key").asString();
	}

}
