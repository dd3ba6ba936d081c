package org.earthchem.export.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalIdentityProvider;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route against every kind of credential, with the exact status of each cell: 401 for a missing or refused
 * credential, 403 for a right the credential lacks, 404 for another owner's task, and the route's own answer for
 * the owner or an operator.
 */
class AccessRulesTest extends IntegrationTest {

	@Autowired
	private ApiKeys keys;

	private static String taskId;

	private static String revokedKey;

	private static String otherOwnerKey;

	/** One credential: how it is sent. */
	record Credential(String name, RestClient client) {
	}

	/** One route: method, path, and the expected status for each credential, in the order of {@link #credentials}. */
	record Route(HttpMethod method, String path, String body, int[] expected) {
	}

	@BeforeEach
	void fixtures() {
		if (taskId == null) {
			// a small finished export of demo-all's, which every route below is about
			taskId = export(ALL_KEY, "petdb", "material=glass&columns=igsn").path("taskId").asString();
			ApiKeys.IssuedKey revoked = this.keys.issue("revoked-owner", "revoked@example.org", Set.of("petdb"), false);
			this.keys.revoke(revoked.info().keyId());
			revokedKey = revoked.key();
			otherOwnerKey = this.keys.issue("other-owner", "other@example.org", Set.of("petdb", "synthesis"), false).key();
		}
	}

	private List<Credential> credentials() {
		LocalIdentityProvider tokens = stack().tokens();
		String all = "export:petdb export:synthesis";
		List<Credential> credentials = new ArrayList<>();
		credentials.add(new Credential("no credential", http(null)));
		credentials.add(new Credential("unknown key", http("exk_not-a-key-of-this-service")));
		credentials.add(new Credential("revoked key", http(revokedKey)));
		credentials.add(new Credential("expired JWT", bearer(tokens.mint("jwt-user", "j@example.org", all, Duration.ofMinutes(-5)))));
		credentials.add(new Credential("JWT of another issuer", bearer(tokens.mint("jwt-user", "j@example.org", all,
				Duration.ofMinutes(5), "https://issuer.elsewhere.example", LocalIdentityProvider.AUDIENCE))));
		credentials.add(new Credential("JWT for another audience", bearer(tokens.mint("jwt-user", "j@example.org", all,
				Duration.ofMinutes(5), LocalIdentityProvider.ISSUER, "another-service"))));
		credentials.add(new Credential("key without the source", http(PETDB_KEY)));
		credentials.add(new Credential("another owner's key", http(otherOwnerKey)));
		credentials.add(new Credential("operator key", http(OPERATOR_KEY)));
		credentials.add(new Credential("operator JWT", bearer(tokens.mint("ops-1", "ops@example.org",
				"export:operator " + all, Duration.ofMinutes(5)))));
		return credentials;
	}

	private List<Route> routes() {
		String task = "/api/v1/exports/" + taskId;
		// columns:            none unknown revoked expired issuer audience no-source other operator opJWT
		return List.of(
				new Route(HttpMethod.POST, "/api/v1/exports/synthesis?columns=sample_id", null,
						new int[] { 401, 401, 401, 401, 401, 401, 403, 202, 202, 202 }),
				new Route(HttpMethod.GET, task, null, new int[] { 401, 401, 401, 401, 401, 401, 404, 404, 200, 200 }),
				new Route(HttpMethod.GET, "/api/v1/exports", null,
						new int[] { 401, 401, 401, 401, 401, 401, 200, 200, 200, 200 }),
				new Route(HttpMethod.POST, task + "/cancel", null,
						new int[] { 401, 401, 401, 401, 401, 401, 404, 404, 409, 409 }),
				new Route(HttpMethod.GET, task + "/events", null,
						new int[] { 401, 401, 401, 401, 401, 401, 404, 404, 200, 200 }),
				new Route(HttpMethod.GET, task + "/download", null,
						new int[] { 401, 401, 401, 401, 401, 401, 404, 404, 200, 200 }),
				new Route(HttpMethod.GET, "/api/v1/admin/queue", null,
						new int[] { 401, 401, 401, 401, 401, 401, 403, 403, 200, 200 }),
				new Route(HttpMethod.GET, "/api/v1/admin/api-keys", null,
						new int[] { 401, 401, 401, 401, 401, 401, 403, 403, 200, 200 }),
				new Route(HttpMethod.POST, "/api/v1/admin/api-keys/0000000000000000/revoke", null,
						new int[] { 401, 401, 401, 401, 401, 401, 403, 403, 404, 404 }),
				new Route(HttpMethod.GET, "/actuator/prometheus", null,
						new int[] { 401, 401, 401, 401, 401, 401, 403, 403, 200, 200 }),
				new Route(HttpMethod.GET, "/actuator/health", null,
						new int[] { 200, 401, 401, 401, 401, 401, 200, 200, 200, 200 }));
	}

	@Test
	void everyRouteAnswersEachCredentialWithExactlyTheExpectedStatus() {
		List<Credential> credentials = credentials();
		Map<String, Integer> actual = new LinkedHashMap<>();
		Map<String, Integer> expected = new LinkedHashMap<>();
		List<String> challengesMissing = new ArrayList<>();
		for (Route route : routes()) {
			for (int i = 0; i < credentials.size(); i++) {
				Credential credential = credentials.get(i);
				String cell = route.method() + " " + route.path() + " with " + credential.name();
				ResponseEntity<String> response = credential.client()
					.method(route.method())
					.uri(route.path())
					.retrieve()
					.toEntity(String.class);
				actual.put(cell, response.getStatusCode().value());
				expected.put(cell, route.expected()[i]);
				if (response.getStatusCode().value() == 401
						&& response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE) == null) {
					challengesMissing.add(cell);
				}
			}
		}

		assertThat(actual).containsExactlyEntriesOf(expected);
		assertThat(challengesMissing).as("401 without WWW-Authenticate").isEmpty();
	}

	@Test
	void aRefusedCredentialIsNeverEchoedInTheAnswer() {
		String key = "exk_secret-looking-key-1234567890";

		ResponseEntity<String> response = http(key).get().uri("/api/v1/exports").retrieve().toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		assertThat(response.getBody()).doesNotContain(key).contains("UNAUTHENTICATED");
		assertThat(response.getHeaders().toString()).doesNotContain(key);
	}

	@Test
	void anOperatorSeesEveryOwnersTasksAndAnOwnerOnlyTheirs() {
		// one task of the petdb key's owner, so that "only theirs" is about a list that holds something
		String own = export(PETDB_KEY, "petdb", "material=glass&columns=sample_id").path("taskId").asString();
		JsonNode mine = http(PETDB_KEY).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);
		JsonNode everyone = http(OPERATOR_KEY).get().uri("/api/v1/exports?owner=demo-all&limit=100").retrieve()
			.body(JsonNode.class);

		assertThat(mine.path("items").valueStream().map((t) -> t.path("owner").asString())).containsOnly("demo-petdb");
		assertThat(mine.path("items").valueStream().map((t) -> t.path("taskId").asString())).contains(own)
			.doesNotContain(taskId);
		assertThat(everyone.path("items").valueStream().map((t) -> t.path("taskId").asString())).contains(taskId);
	}

	@Test
	void aJwtCallerOwnsTheTasksItCreatesUnderItsIssuersRealmAndSubject() {
		String token = stack().tokens().mint("jwt-owner-7", "jwt7@example.org", "export:synthesis", Duration.ofMinutes(5));

		JsonNode created = bearer(token).post().uri("/api/v1/exports/synthesis?columns=sample_id&fileType=json").retrieve()
			.body(JsonNode.class);

		assertThat(created.path("owner").asString()).isEqualTo("localhost:jwt-owner-7");
		assertThat(bearer(token).get().uri("/api/v1/exports/" + created.path("taskId").asString()).retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);
	}

}
