package org.earthchem.export.support;

import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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

	@LocalServerPort
	private int port;

	@Autowired
	protected ObjectMapper json;

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
		return http(apiKey).post()
			.uri("/api/v1/sources/" + source + "/exports" + (query.isEmpty() ? "" : "?" + query))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	protected JsonNode task(String apiKey, String taskId) {
		return http(apiKey).get().uri("/api/v1/exports/" + taskId).retrieve().body(JsonNode.class);
	}

	/** Waits until the task reaches a final status and returns it. */
	protected JsonNode awaitFinished(String apiKey, String taskId) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> task(apiKey, taskId), (t) -> Map.of("Succeeded", 1, "Failed", 1, "Cancelled", 1)
				.containsKey(t.path("status").asString()));
	}

	/** Requests an export and waits for it to finish. */
	protected JsonNode export(String apiKey, String source, String query) {
		ResponseEntity<JsonNode> created = requestExport(apiKey, source, query);
		if (!created.getStatusCode().is2xxSuccessful()) {
			throw new AssertionError("export request answered " + created.getStatusCode() + ": " + created.getBody());
		}
		return awaitFinished(apiKey, created.getBody().path("taskId").asString());
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

	private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

	/** A plain GET with the JDK's HTTP client, no credentials: how a pre-signed link is used. */
	protected static ResponseEntity<byte[]> fetch(String url) {
		try {
			java.net.http.HttpResponse<byte[]> response = CLIENT.send(
					java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray());
			HttpHeaders headers = new HttpHeaders();
			response.headers().map().forEach(headers::addAll);
			return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static String header(ResponseEntity<?> response, String name) {
		HttpHeaders headers = response.getHeaders();
		return headers.getFirst(name);
	}

}
