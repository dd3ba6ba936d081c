package org.earthchem.export.security;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.ServiceInThisJvm;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused credentials are limited per client address, on a service of its own that allows 5 a minute with bursts of
 * 10 (the shared test service's limit is far above what the suite sends). Its tests share one address, 127.0.0.1, so
 * each starts from a fresh service state it does not assume: it only counts what it adds.
 */
class FailedAuthenticationLimitTest {

	private static final int PER_MINUTE = 5;

	private static final int BURST = 10;

	private static ServiceInThisJvm service;

	@BeforeAll
	static void startServiceWithALowLimit() {
		service = ServiceInThisJvm.start(Map.of("export.security.failed-authentications.per-minute", "" + PER_MINUTE,
				"export.security.failed-authentications.burst", "" + BURST));
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void aThousandRandomKeysCostTheKeyTableAtMostTheBucketsWorthOfReads() {
		ApiKeys keys = service.bean(ApiKeys.class);
		long before = keys.lookUps();
		long started = System.nanoTime();
		int refusedWith429 = 0;

		for (int i = 0; i < 1000; i++) {
			ResponseEntity<JsonNode> answer = service.http("exk_" + UUID.randomUUID())
				.get()
				.uri("/api/v1/exports")
				.retrieve()
				.toEntity(JsonNode.class);
			assertThat(answer.getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS);
			if (answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
				refusedWith429++;
			}
		}

		long minutes = (System.nanoTime() - started) / 60_000_000_000L + 1;
		assertThat(keys.lookUps() - before).as("key-table reads for 1,000 random keys")
			.isLessThanOrEqualTo(BURST + PER_MINUTE * minutes);
		assertThat(refusedWith429).isGreaterThanOrEqualTo(1000 - BURST - (int) (PER_MINUTE * minutes));
	}

	@Test
	void anAddressBeyondTheLimitIsAnswered429WithRetryAfterAsAProblem() {
		exhaust();

		ResponseEntity<JsonNode> answer = service.http("exk_" + UUID.randomUUID())
			.get()
			.uri("/api/v1/exports")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(Long.parseLong(answer.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
		assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		assertThat(answer.getBody().path("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(answer.getBody().path("limit").asInt()).isEqualTo(PER_MINUTE);
	}

	@Test
	void aKeyTheNodeKnowsAsValidStillWorksFromAnAddressBeyondTheLimit() {
		String owner = "limit-owner-" + UUID.randomUUID();
		ApiKeys keys = service.bean(ApiKeys.class);
		String key = keys.issue(owner, owner + "@example.org", java.util.Set.of("petdb"), false).key();
		// used once before (the address may be limited already by another test of this class)
		assertThat(keys.authenticate(key)).isPresent();
		exhaust();

		assertThat(service.http(key).get().uri("/api/v1/exports").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void requestsWithoutACredentialAreNeitherCountedNorLimited() {
		exhaust();

		assertThat(service.http(null).get().uri("/api/v1/exports").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(service.http(null).get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	/** Sends unknown keys until the address is refused with 429. */
	private static void exhaust() {
		for (int i = 0; i <= BURST + PER_MINUTE; i++) {
			HttpStatus status = HttpStatus.valueOf(service.http("exk_" + UUID.randomUUID())
				.get()
				.uri("/api/v1/exports")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value());
			if (status == HttpStatus.TOO_MANY_REQUESTS) {
				return;
			}
		}
		throw new AssertionError("the address was never limited");
	}

}
