package org.earthchem.export.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.earthchem.export.job.run.ExportWorker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the tests that need the whole service: one application context and one local stack for all of them,
 * and a client that speaks to the service over HTTP like a portal would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

	protected static final String PETDB_KEY = "petdb-demo-key";

	protected static final String ALL_KEY = "all-demo-key";

	protected static final String OPERATOR_KEY = "operator-demo-key";

	private static final Set<String> ACTIVE = Set.of("Pending", "Processing");

	private static final Set<String> FINAL = Set.of("Succeeded", "Failed", "Cancelled");

	@LocalServerPort
	private int port;

	/** The exports this test requested (JUnit makes an instance a test). */
	private final List<String> requested = new ArrayList<>();

	@Autowired
	protected ObjectMapper json;

	@Autowired
	private ExportWorker exportWorker;

	@DynamicPropertySource
	static void localStack(DynamicPropertyRegistry registry) {
		TestStack.get().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/** Where the service under test listens. */
	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	protected TestStack stack() {
		return TestStack.get();
	}

	/**
	 * A client for the service that never throws on 4xx/5xx, so tests can look at every answer. It is the JDK's
	 * client, which sends each request once: Apache HttpClient (on the classpath for OpenSearch, so RestClient's
	 * default) silently repeats a request answered 503 or 429 after its Retry-After.
	 */
	protected RestClient http(String apiKey) {
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			});
		if (apiKey != null) {
			builder.defaultHeader("X-API-Key", apiKey);
		}
		return builder.build();
	}

	/** A client for the service that sends an OAuth2 access token. */
	protected RestClient bearer(String token) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
	}

	/** POSTs an export request and returns the response with its JSON body. */
	protected ResponseEntity<JsonNode> requestExport(String apiKey, String source, String query) {
		ResponseEntity<JsonNode> response = http(apiKey).post()
			.uri("/api/v1/sources/" + source + "/exports" + (query.isEmpty() ? "" : "?" + query))
			.retrieve()
			.toEntity(JsonNode.class);
		if (response.getStatusCode().is2xxSuccessful()) {
			this.requested.add(response.getBody().path("taskId").asString());
		}
		return response;
	}

	/**
	 * Puts the servers back (every fault proxy passes everything again) and ends every export the test requested that
	 * is still Pending or Processing: a leftover would run during the next test, taking a worker or a place in the
	 * queue. A Failed one may be a retry's moment between two attempts (it is Pending again at once): the failures must
	 * stand for half a second. Then waits until this node's workers are free. Runs after the test's own clean-up.
	 */
	@AfterEach
	void endRequestedExports() {
		stack().proxy().restore();
		stack().s3Proxy().restore();
		stack().sqsProxy().restore();
		Set<String> unsettled = new HashSet<>(this.requested);
		Set<String> stopping = new HashSet<>();
		settle(unsettled, stopping);
		if (!unsettled.isEmpty()) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.during(Duration.ofMillis(500))
				.until(() -> settle(unsettled, stopping));
		}
		// a final status is written before its run has ended: a cancelled run still aborts its upload, a finished one
		// hands its mail over, and the worker is only free after that
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.exportWorker.running() == 0);
	}

	/**
	 * Cancels what is active (a running one once: it stops at its next check), forgets what Succeeded or was Cancelled
	 * (for good) and keeps the Failed ones.
	 * @return whether every task left reads Failed
	 */
	private boolean settle(Set<String> taskIds, Set<String> stopping) {
		boolean allFailed = true;
		for (String taskId : List.copyOf(taskIds)) {
			String status = task(OPERATOR_KEY, taskId).path("status").asString();
			if ("Pending".equals(status) || ("Processing".equals(status) && stopping.add(taskId))) {
				http(OPERATOR_KEY).post().uri("/api/v1/exports/" + taskId + "/cancel").retrieve().toBodilessEntity();
			}
			if (ACTIVE.contains(status)) {
				allFailed = false;
			}
			else if ("Failed".equals(status)) {
				// a retry puts it back to Pending, where it is cancelled again
				stopping.remove(taskId);
			}
			else {
				taskIds.remove(taskId);
			}
		}
		return allFailed;
	}

	protected JsonNode task(String apiKey, String taskId) {
		return http(apiKey).get().uri("/api/v1/exports/" + taskId).retrieve().body(JsonNode.class);
	}

	/** Waits until the task reaches a final status and returns it. */
	protected JsonNode awaitFinished(String apiKey, String taskId) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> task(apiKey, taskId), (t) -> FINAL.contains(t.path("status").asString()));
	}

	/** Requests an export and waits for it to finish. */
	protected JsonNode export(String apiKey, String source, String query) {
		ResponseEntity<JsonNode> created = requestExport(apiKey, source, query);
		if (!created.getStatusCode().is2xxSuccessful()) {
			throw new AssertionError("export request answered " + created.getStatusCode() + ": " + created.getBody());
		}
		return awaitFinished(apiKey, created.getBody().path("taskId").asString());
	}

	/** Runs an export to its end, checks that it succeeded and returns its only (first) file as UTF-8 text. */
	protected String exportedText(String apiKey, String source, String query) {
		JsonNode task = export(apiKey, source, query);
		assertThat(task.path("status").asString()).as("status of %s?%s", source, query).isEqualTo("Succeeded");
		return new String(download(apiKey, task.path("taskId").asString(), 1).getBody(), StandardCharsets.UTF_8);
	}

	/**
	 * Downloads a part of a finished export as bytes, as a browser would: a small export is streamed by the service,
	 * a larger one redirects to a pre-signed S3 link, which is followed (without the API key).
	 */
	protected ResponseEntity<byte[]> download(String apiKey, String taskId, int part) {
		ResponseEntity<byte[]> response = http(apiKey).get()
			.uri("/api/v1/exports/" + taskId + "/download?part=" + part)
			.retrieve()
			.toEntity(byte[].class);
		if (response.getStatusCode().value() != 302) {
			return response;
		}
		return fetch(response.getHeaders().getLocation().toString());
	}

	/** A plain GET with the JDK's HTTP client, no credentials: how a pre-signed link is used. */
	protected static ResponseEntity<byte[]> fetch(String url) {
		java.net.http.HttpResponse<byte[]> response = Http.getBytes(url);
		HttpHeaders headers = new HttpHeaders();
		response.headers().map().forEach(headers::addAll);
		return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
	}

	/**
	 * What the search cluster itself counts in {@code index} for a {@code _count} request body, straight and not
	 * through the service: the figure to hold the service's counts and exports against.
	 */
	protected long openSearchCount(String index, String body) {
		java.net.http.HttpResponse<String> response = Http.json("POST",
				stack().openSearchUrl().replaceAll("/+$", "") + "/" + index + "/_count", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).path("count").asLong();
	}

	protected static String header(ResponseEntity<?> response, String name) {
		HttpHeaders headers = response.getHeaders();
		return headers.getFirst(name);
	}

}
