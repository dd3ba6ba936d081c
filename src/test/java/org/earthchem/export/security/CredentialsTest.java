package org.earthchem.export.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalTokens;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys as operators issue and revoke them, tokens as `make token` mints them, and oversized requests. */
class CredentialsTest extends IntegrationTest {

	@Autowired
	private DynamoDbClient dynamoDb;

	@Autowired
	private SecurityProperties properties;

	private List<Map<String, AttributeValue>> keyTable() {
		return this.dynamoDb.scan((r) -> r.tableName(this.properties.apiKeyTable())).items();
	}

	@Test
	void anIssuedKeyIsShownOnceWorksAndCannotBeRecoveredFromTheTable() {
		ResponseEntity<JsonNode> issued = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/api-keys")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("owner", "new-user", "email", "new-user@example.org", "sources", List.of("synthesis")))
			.retrieve()
			.toEntity(JsonNode.class);
		String key = issued.getBody().path("key").asString();
		String keyId = issued.getBody().path("info").path("keyId").asString();

		assertThat(issued.getStatusCode().value()).isEqualTo(201);
		// 32 random bytes, base64url without padding
		assertThat(key).matches("exk_[A-Za-z0-9_-]{43}");
		assertThat(http(key).post().uri("/api/v1/exports/synthesis?columns=sample_id&fileType=json").retrieve().toBodilessEntity()
			.getStatusCode().value()).isEqualTo(202);
		String listed = http(OPERATOR_KEY).get().uri("/api/v1/admin/api-keys").retrieve().body(String.class);
		assertThat(listed).contains(keyId).doesNotContain(key);
		for (Map<String, AttributeValue> item : keyTable()) {
			assertThat(item.toString()).doesNotContain(key)
				.doesNotContain(key.substring(4))
				.doesNotContain(PETDB_KEY)
				.doesNotContain(OPERATOR_KEY);
		}
	}

	@Test
	void aRevokedKeyIsRefusedAtOnce() {
		ApiKeysHandle handle = issue();
		assertThat(status(http(handle.key()), "/api/v1/exports")).isEqualTo(200);

		ResponseEntity<JsonNode> revoked = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/api-keys/" + handle.keyId() + "/revoke")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(revoked.getStatusCode().value()).isEqualTo(200);
		assertThat(revoked.getBody().path("revokedAt").asString()).isNotBlank();
		assertThat(status(http(handle.key()), "/api/v1/exports")).isEqualTo(401);
	}

	@Test
	void aTokenMintedTheWayMakeTokenDoesIsAcceptedWithItsSubjectAndScopes() {
		String token = mintLikeMakeToken("cli-user", "cli@example.org", "export:petdb");

		JsonNode created = bearer(token).post().uri("/api/v1/exports/petdb?columns=igsn&material=glass").retrieve()
			.body(JsonNode.class);

		assertThat(created.path("owner").asString()).isEqualTo("localhost:cli-user");
		assertThat(status(bearer(token), "/api/v1/admin/queue")).isEqualTo(403);
		assertThat(bearer(token).post().uri("/api/v1/exports/synthesis").retrieve().toBodilessEntity().getStatusCode()
			.value()).isEqualTo(403);
	}

	@Test
	void oversizedRequestsAreRefusedWith400NamingTheParameterAndQueueNothing() {
		int before = mine();
		String longValue = "x".repeat(2000);
		StringBuilder many = new StringBuilder("material=rock");
		for (int i = 0; i < 60; i++) {
			many.append("&p").append(i).append("=1");
		}

		ResponseEntity<JsonNode> tooLong = requestExport(ALL_KEY, "petdb", "material=" + longValue);
		ResponseEntity<JsonNode> tooMany = requestExport(ALL_KEY, "petdb", many.toString());
		ResponseEntity<JsonNode> hugeQuery = requestExport(ALL_KEY, "petdb", "q=" + "y".repeat(5000));

		assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
		assertThat(tooLong.getBody().path("errors").get(0).path("parameter").asString()).isEqualTo("material");
		assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
		assertThat(hugeQuery.getStatusCode().value()).isEqualTo(400);
		assertThat(hugeQuery.getBody().path("code").asString()).isEqualTo("INVALID_PARAMETERS");
		assertThat(mine()).isEqualTo(before);
	}

	@Test
	void aMalformedKeyRequestIsRefusedWith400AndIssuesNothing() {
		int keysBefore = keyTable().size();

		ResponseEntity<JsonNode> response = http(OPERATOR_KEY).post()
			.uri("/api/v1/admin/api-keys")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("owner", "bad owner!", "email", "nope", "sources", List.of("atlantis")))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody().path("errors").valueStream().map((e) -> e.path("parameter").asString()))
			.contains("owner", "email", "sources");
		assertThat(keyTable()).hasSize(keysBefore);
	}

	@Test
	void onlyConfiguredPortalOriginsMayCallTheApiFromABrowser() {
		ResponseEntity<Void> portal = preflight("https://portal.example.org");
		ResponseEntity<Void> stranger = preflight("https://evil.example.com");

		assertThat(portal.getStatusCode().value()).isEqualTo(200);
		assertThat(portal.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://portal.example.org");
		assertThat(stranger.getStatusCode().value()).isEqualTo(403);
		assertThat(stranger.getHeaders().getAccessControlAllowOrigin()).isNull();
	}

	@Test
	void aPortalsScriptMayReadTheHeadersTheContractAnswersWith() {
		// the next page of events (Link), a created task (Location), when to come back (Retry-After), a file's name
		ResponseEntity<Void> answer = http(ALL_KEY).get()
			.uri("/api/v1/exports?limit=1")
			.header("Origin", "https://portal.example.org")
			.retrieve()
			.toBodilessEntity();

		assertThat(answer.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://portal.example.org");
		assertThat(answer.getHeaders().getAccessControlExposeHeaders()).containsExactlyInAnyOrder("Location",
				"Retry-After", "Content-Disposition", "Link");
	}

	@Test
	void answersCarryTheBrowserSecurityHeaders() {
		ResponseEntity<String> response = http(null).get().uri("/actuator/health").retrieve().toEntity(String.class);

		assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'")
			.contains("frame-ancestors 'none'");
		assertThat(response.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
	}

	private ResponseEntity<Void> preflight(String origin) {
		return http(null).options()
			.uri("/api/v1/exports/petdb")
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-api-key")
			.retrieve()
			.toBodilessEntity();
	}

	private int mine() {
		return http(ALL_KEY).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class).path("items").size();
	}

	private static int status(org.springframework.web.client.RestClient client, String path) {
		return client.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
	}

	record ApiKeysHandle(String key, String keyId) {
	}

	@Autowired
	private ApiKeys keys;

	private ApiKeysHandle issue() {
		ApiKeys.IssuedKey issued = this.keys.issue("revoke-me", "revoke-me@example.org", Set.of("petdb"), false);
		return new ApiKeysHandle(issued.key(), issued.info().keyId());
	}

	/** Runs the main class behind `make token` against the test stack's key and returns what it prints. */
	private String mintLikeMakeToken(String subject, String email, String scopes) {
		PrintStream out = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		String home = System.getProperty("export.local-stack.home");
		System.setProperty("export.local-stack.home", stack().home().toString());
		try {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			LocalTokens.main(new String[] { subject, email, scopes });
		}
		finally {
			System.setOut(out);
			if (home == null) {
				System.clearProperty("export.local-stack.home");
			}
			else {
				System.setProperty("export.local-stack.home", home);
			}
		}
		return printed.toString(StandardCharsets.UTF_8).trim();
	}

}
