package org.earthchem.export.security;

import java.net.URI;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** What Spring Security's firewall refuses is answered as a problem detail naming what it refused, as every 400 is. */
class RejectedRequestTest extends IntegrationTest {

	@Test
	void aSemicolonInThePathIsA400ProblemNamingTheRequest() {
		// path parameters (;jsessionid=…) are a classic way round URL-based rules: the firewall refuses them
		ResponseEntity<JsonNode> refused = http(ALL_KEY).get()
			.uri(URI.create(baseUrl() + "/api/v1/sources/petdb;x=1/count"))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = refused.getBody();
		assertThat(problem.path("code").asString()).isEqualTo("INVALID_PARAMETERS");
		assertThat(problem.path("errors").size()).isEqualTo(1);
		assertThat(problem.path("errors").path(0).path("parameter").asString()).isEqualTo("request");
		assertThat(problem.path("traceId").asString()).hasSize(32);
	}

}
