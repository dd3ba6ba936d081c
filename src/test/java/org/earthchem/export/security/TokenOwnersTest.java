package org.earthchem.export.security;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Token callers own their exports as {@code <realm>:<sub>}, apart from every API-key owner, and are mailed only at an
 * address their identity provider verified.
 */
class TokenOwnersTest extends IntegrationTest {

	private static final String SMALL_EXPORT = "material=glass&columns=igsn";

	@Autowired
	private ApiKeys keys;

	// a name of its own per test: API-key owners and mail domains are shared by the whole suite
	private final String name = "twin-" + UUID.randomUUID().toString().substring(0, 8);

	private final String domain = this.name + ".example.org";

	@Test
	void aTokenWhoseSubjectIsAnApiKeyOwnersNameGets404ForThatOwnersExport() {
		String key = this.keys.issue(this.name, this.name + "@example.org", Set.of("petdb"), false).key();
		String keyOwnersTask = export(key, "petdb", SMALL_EXPORT).path("taskId").asString();
		RestClient twin = bearer(token(this.name + "@" + this.domain, true));

		assertThat(status(twin.get().uri("/api/v1/exports/" + keyOwnersTask).retrieve().toBodilessEntity()))
			.isEqualTo(404);
		assertThat(status(twin.post().uri("/api/v1/exports/" + keyOwnersTask + "/cancel").retrieve().toBodilessEntity()))
			.isEqualTo(404);
		assertThat(status(twin.get().uri("/api/v1/exports/" + keyOwnersTask + "/events").retrieve().toBodilessEntity()))
			.isEqualTo(404);
	}

	@Test
	void aTokenWhoseSubjectIsAnApiKeyOwnersNameListsOnlyItsOwnExports() {
		String key = this.keys.issue(this.name, this.name + "@example.org", Set.of("petdb"), false).key();
		String keyOwnersTask = export(key, "petdb", SMALL_EXPORT).path("taskId").asString();
		RestClient twin = bearer(token(this.name + "@" + this.domain, true));
		JsonNode own = twin.post().uri("/api/v1/sources/petdb/exports?" + SMALL_EXPORT).retrieve().body(JsonNode.class);

		JsonNode tokenList = twin.get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);
		JsonNode keyList = http(key).get().uri("/api/v1/exports?limit=100").retrieve().body(JsonNode.class);

		assertThat(own.path("owner").asString()).isEqualTo("localhost:" + this.name);
		assertThat(tokenList.path("items").valueStream().map((t) -> tuple(t.path("taskId").asString(),
				t.path("owner").asString())))
			.containsExactly(tuple(own.path("taskId").asString(), "localhost:" + this.name));
		assertThat(keyList.path("items").valueStream().map((t) -> t.path("taskId").asString()))
			.containsExactly(keyOwnersTask);
	}

	@Test
	void anApiKeyOwnerCannotHoldTheSeparatorOfTokenOwners() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.keys.issue("localhost:" + this.name, this.name + "@example.org", Set.of("petdb"), false))
			.withMessage("an API key's owner must be a name without ':' (token owners are <realm>:<sub>): localhost:"
					+ this.name);
	}

	@Test
	void aTokenWithAVerifiedEmailIsMailedWhenItsExportSucceeds() throws Exception {
		String address = this.name + "@" + this.domain;
		RestClient caller = bearer(token(address, true));
		String taskId = caller.post().uri("/api/v1/sources/petdb/exports?" + SMALL_EXPORT).retrieve()
			.body(JsonNode.class).path("taskId").asString();

		MimeMessage[] mails = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> stack().mail().getReceivedMessagesForDomain(this.domain), (received) -> received.length > 0);

		assertThat(mails).hasSize(1);
		assertThat(((InternetAddress) mails[0].getAllRecipients()[0]).getAddress()).isEqualTo(address);
		assertThat(mails[0].getSubject()).isEqualTo("Your petdb export is ready");
		assertThat(notifications(caller, taskId)).containsExactly("NOTIFICATION_SENT success mail to " + address);
	}

	@Test
	void aTokenWhoseEmailIsNotVerifiedIsNotMailedAndAnEventSaysWhy() {
		RestClient caller = bearer(token(this.name + "@" + this.domain, false));
		String taskId = caller.post().uri("/api/v1/sources/petdb/exports?" + SMALL_EXPORT).retrieve()
			.body(JsonNode.class).path("taskId").asString();

		// the notifier records its decision after the task is final: once the event is there, no mail will follow
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> notifications(caller, taskId), (events) -> !events.isEmpty());

		assertThat(notifications(caller, taskId)).containsExactly("NOTIFICATION_FAILED no success mail sent: owner localhost:"
				+ this.name + " has no verified email address");
		assertThat(stack().mail().getReceivedMessagesForDomain(this.domain)).isEmpty();
	}

	private String token(String email, boolean emailVerified) {
		return stack().tokens().mint(this.name, email, emailVerified, "export:petdb", Duration.ofMinutes(5));
	}

	/** The task's notification events, as "TYPE detail". */
	private static java.util.List<String> notifications(RestClient caller, String taskId) {
		return caller.get()
			.uri("/api/v1/exports/" + taskId + "/events")
			.retrieve()
			.body(JsonNode.class)
			.valueStream()
			.filter((event) -> event.path("type").asString().startsWith("NOTIFICATION_"))
			.map((event) -> event.path("type").asString() + " " + event.path("detail").asString())
			.toList();
	}

	private static int status(ResponseEntity<Void> response) {
		return response.getStatusCode().value();
	}

}
