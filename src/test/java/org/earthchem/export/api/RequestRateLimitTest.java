package org.earthchem.export.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.ServiceInThisJvm;
import org.earthchem.export.support.TestStack;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-owner rate limits, on a service of its own that allows one search a minute with bursts of two, and one read
 * a minute with bursts of three, and whose clock stands still (the shared test service's limits are far above what the
 * suite sends).
 */
class RequestRateLimitTest {

	private static final String COUNT = "/api/v1/sources/petdb/count?columns=sample_id";

	/** The service's time stands still: no bucket refills while a test runs, however slow the machine. */
	private static final Clock STOPPED_CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

	private static ServiceInThisJvm service;

	@BeforeAll
	static void startServiceWithALowLimit() {
		service = ServiceInThisJvm.start(Map.of("export.rate-limit.requests-per-minute", "1",
				"export.rate-limit.burst", "2", "export.rate-limit.reads-per-minute", "1",
				"export.rate-limit.read-burst", "3"), STOPPED_CLOCK);
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
		// one token a minute, and no time has passed since the first was taken
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
	void requestsRefusedBeforeAnySearchRunsDoNotCountTowardTheLimit() {
		RestClient owner = client(newOwnerKey());
		// a bad value and an unknown source, more of them than the burst allows searches
		for (int i = 0; i < 3; i++) {
			assertThat(owner.get().uri("/api/v1/sources/petdb/count?sio2.min=abc").retrieve().toEntity(JsonNode.class)
				.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(owner.get().uri("/api/v1/sources/nowhere/count").retrieve().toEntity(JsonNode.class)
				.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		}

		ResponseEntity<JsonNode> first = owner.get().uri(COUNT).retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> second = owner.get().uri(COUNT).retrieve().toEntity(JsonNode.class);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
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

	@Test
	void aFourthReadAtOnceIsRefusedWith429WhileSearchesKeepTheirOwnBudget() {
		RestClient owner = client(newOwnerKey());
		for (String path : List.of("/api/v1/exports", "/api/v1/sources", "/api/v1/exports/petdb-000000000000-01JDZ8M6Q1K2")) {
			assertThat(owner.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value()).as(path)
				.isIn(200, 404);
		}

		ResponseEntity<JsonNode> fourth = owner.get().uri("/api/v1/exports/petdb-000000000000-01JDZ8M6Q1K2/download")
			.retrieve()
			.toEntity(JsonNode.class);
		ResponseEntity<JsonNode> search = owner.get().uri(COUNT).retrieve().toEntity(JsonNode.class);

		assertThat(fourth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(fourth.getHeaders().getFirst("Retry-After")).isEqualTo("60");
		assertThat(fourth.getBody().path("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(fourth.getBody().path("burst").asInt()).isEqualTo(3);
		assertThat(search.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/** A key of an owner of its own: each test starts with a full bucket. */
	private static String newOwnerKey() {
		return ServiceInThisJvm.newOwnerKey(service.http("operator-demo-key"), "rate", List.of("petdb"));
	}

	private static RestClient client(String apiKey) {
		return service.http(apiKey);
	}

}
