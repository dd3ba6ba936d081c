package org.earthchem.export.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients of earlier versions still create exports at {@code POST /api/v1/exports/{source}}. */
class FormerCreationPathTest extends IntegrationTest {

	@Test
	void theFormerCreationPathStillCreatesAndQueuesAnExport() {
		ResponseEntity<JsonNode> created = http(PETDB_KEY).post()
			.uri("/api/v1/exports/petdb?material=glass&columns=sample_id")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
		String taskId = created.getBody().path("taskId").asString();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/exports/" + taskId);
		assertThat(awaitFinished(PETDB_KEY, taskId).path("status").asString()).isEqualTo("Succeeded");
	}

}
