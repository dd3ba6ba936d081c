package org.earthchem.export.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.ExportServiceApplication;
import org.earthchem.export.support.TestStack;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-owner rate limit of the searching routes, on a service of its own that allows one request a minute with
 * bursts of two (the shared test service's limit is far above what the suite sends).
 */
class RequestRateLimitTest {

	private static final String COUNT = "/api/v1/sources/petdb/count?columns=sample_id";

	private static ConfigurableApplicationContext service;

	@BeforeAll
	static void startServiceWithALowLimit() {
		String name = "rate-limit-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> properties = new LinkedHashMap<>(TestStack.get().properties());
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		// a queue of its own: its listener takes no message of the shared service's
		properties.put("export.queue.name", name + ".fifo");
		properties.put("export.queue.dead-letter-name", name + "-dlq.fifo");
		properties.put("export.rate-limit.requests-per-minute", "1");
		properties.put("export.rate-limit.burst", "2");
		List<String> args = new ArrayList<>();
		properties.forEach((property, value) -> args.add("--" + property + "=" + value));
		service = new SpringApplicationBuilder(ExportServiceApplication.class).profiles("test")
			.run(args.toArray(String[]::new));
	}

	@AfterAll
	static void stopService() {
		TestStack.get().proxy().restore();
		service.close();
	}

	@Test
	void aThirdSearchAtOnceIsRefusedWith429AndTheSecondsUntilTheNextRequestIsAllowed() {
		RestClient owner = client(newOwnerKey());

		ResponseEntity<JsonNode> first = owner.get().uri(COUNT).retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> second = owner.get().uri(COUNT).retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> third = owner.get().uri(COUNT).retrieve().toEntity(JsonNode.class);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(third.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		// one token a minute, the first taken well within a second of this answer
		assertThat(third.getHeaders().getFirst("Retry-After")).isEqualTo("60");
		assertThat(third.getBody().path("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(third.getBody().path("limit").asInt()).isEqualTo(1);
		assertThat(third.getBody().path("burst").asInt()).isEqualTo(2);
	}

	@Test
	void anOwnerAtTheLimitDoesNotLimitAnotherOwner() {
		RestClient limited = client(newOwnerKey());
		RestClient other = client(newOwnerKey());
		limited.get().uri(COUNT).retrieve().toBodilessEntity();
		limited.get().uri(COUNT).retrieve().toBodilessEntity();

		ResponseEntity<JsonNode> refused = limited.get().uri(COUNT).retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> allowed = other.get().uri(COUNT).retrieve().toEntity(JsonNode.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(allowed.getBody().path("matchedRows").asLong()).isEqualTo(TestStack.PETDB_DOCUMENTS);
	}

	@Test
	void anExportRequestBeyondTheLimitIsRefusedBeforeItsSearchRuns() {
		RestClient owner = client(newOwnerKey());
		owner.get().uri(COUNT).retrieve().toBodilessEntity();
		owner.get().uri(COUNT).retrieve().toBodilessEntity();
		// a search would now answer 503: the answer 429 shows that none was tried
		TestStack.get().proxy().cut();
		ResponseEntity<JsonNode> refused;
		try {
			refused = owner.post().uri("/api/v1/sources/petdb/exports?columns=sample_id").retrieve().toEntity(JsonNode.class);
		}
		finally {
			TestStack.get().proxy().restore();
		}

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getBody().path("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("60");
	}

	/** A key of an owner of its own: each test starts with a full bucket. */
	private static String newOwnerKey() {
		String owner = "rate-" + UUID.randomUUID();
		ResponseEntity<JsonNode> issued = client("operator-demo-key").post()
			.uri("/api/v1/admin/api-keys")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("owner", owner, "email", owner + "@example.org", "sources", List.of("petdb")))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(issued.getStatusCode().value()).isEqualTo(201);
		return issued.getBody().path("key").asString();
	}

	private static RestClient client(String apiKey) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + service.getEnvironment().getProperty("local.server.port"))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.defaultHeader("X-API-Key", apiKey)
			.build();
	}

}
