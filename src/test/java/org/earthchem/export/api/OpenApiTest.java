package org.earthchem.export.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description is public and names every route and both kinds of credential. */
class OpenApiTest extends IntegrationTest {

	@Test
	void theOpenApiDescriptionListsTheRoutesAndBothCredentialKinds() {
		JsonNode api = http(null).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);

		assertThat(api.path("paths").propertyNames()).contains("/api/v1/sources/{source}/exports",
				"/api/v1/exports/{taskId}", "/api/v1/exports/{taskId}/download", "/api/v1/exports/{taskId}/events",
				"/api/v1/admin/executions", "/api/v1/admin/executions/{id}/restart", "/api/v1/admin/queue");
		assertThat(api.path("components").path("securitySchemes").path("apiKey").path("name").asString())
			.isEqualTo("X-API-Key");
		assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
			.isEqualTo("bearer");
	}

	@Test
	void theFormerCreationPathIsLeftOutSinceItWouldClashWithTheTaskPath() {
		JsonNode api = http(null).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);

		assertThat(api.path("paths").propertyNames()).doesNotContain("/api/v1/exports/{source}");
		assertThat(api.path("paths").path("/api/v1/sources/{source}/exports").has("post")).isTrue();
	}

	@Test
	void theSwaggerUiIsServed() {
		assertThat(fetch(baseUrl() + "/swagger-ui/index.html").getStatusCode().value()).isEqualTo(200);
	}

}
