package org.earthchem.export.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What orchestrators and operators ask the service: is it alive, is it ready, what build is it. */
class OperationsEndpointsTest extends IntegrationTest {

	@Test
	void livenessAndReadinessAnswerUpWithoutCredentials() {
		RestClient anonymous = RestClient.create(baseUrl());
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			ResponseEntity<JsonNode> answer = anonymous.get().uri(probe).retrieve().toEntity(JsonNode.class);
			assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
			assertThat(answer.getBody().path("status").asString()).as(probe).isEqualTo("UP");
		}
	}

	@Test
	void infoNamesTheBuildAndTheCommitForOperators() {
		JsonNode info = http(OPERATOR_KEY).get().uri("/actuator/info").retrieve().body(JsonNode.class);

		assertThat(info.path("build").path("artifact").asString()).isEqualTo("export-service");
		assertThat(info.path("build").path("version").asString()).isNotBlank();
		assertThat(info.path("git").path("commit").path("id").asString()).matches("[0-9a-f]{7,40}");
	}

}
