package org.earthchem.export.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests Tomcat refuses before Spring are answered with a problem detail, not Tomcat's HTML error page. */
class ContainerProblemsTest extends IntegrationTest {

	@Test
	void anEncodedDotDotSlashInAPathIsA400ProblemDetail() throws Exception {
		HttpResponse<String> answer = get("/api/v1/exports/%2e%2e%2f%2e%2e%2fadmin%2fqueue");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("code").asString()).isEqualTo("INVALID_PARAMETERS");
		assertThat(answer.body()).doesNotContain("<html", "Tomcat");
	}

	@Test
	void anEncodedSlashInAPathIsA400ProblemDetail() throws Exception {
		HttpResponse<String> answer = get("/api/v1/sources/petdb%2F..%2Fsynthesis/count");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(answer.body()).doesNotContain("<html");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("X-API-Key", ALL_KEY).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
