package org.earthchem.export.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** The service's HTTP API as a portal (and an operator reading metrics) uses it, with one API key. */
final class ServiceApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	private final String apiKey;

	ServiceApi(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
	}

	/** Whether the service, with everything it depends on, answers healthy. */
	boolean isUp() throws IOException, InterruptedException {
		return send("GET", "/actuator/health").statusCode() == 200;
	}

	/** Requests an export; returns the new task's id. */
	String startExport(String source, String query) throws IOException, InterruptedException {
		// the bench's owner sends more searches than a burst allows (429): asked again until the service takes it,
		// and said, as the measurement then holds the wait
		// asked at once: Awaitility's first poll waits for the poll interval unless told otherwise, and the bench's
		// clock runs from before this call (until 2026-12-06 every export measured held that second)
		HttpResponse<String> created = await().atMost(Duration.ofMinutes(2))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> send("POST", "/api/v1/sources/" + source + "/exports?" + query), (response) -> {
				if (response.statusCode() == 429) {
					System.err.println("bench: export of " + source + " rate-limited (429), asked again: the "
							+ "measurement holds the wait");
				}
				return response.statusCode() != 429;
			});
		// 200 would be an identical export of ours still active: then nothing new was started
		if (created.statusCode() != 202) {
			throw new IllegalStateException(
					"export of " + source + "?" + query + " answered " + created.statusCode() + ": " + created.body());
		}
		return JSON.readTree(created.body()).path("taskId").asString();
	}

	/** The task as the API shows it. */
	JsonNode task(String taskId) throws IOException, InterruptedException {
		HttpResponse<String> response = send("GET", "/api/v1/exports/" + taskId);
		// anything else (a 429 of the read limit) is not the task: a figure measured on it would be another path's
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET /exports/" + taskId + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readTree(response.body());
	}

	/** A metric's value, e.g. {@code metric("jvm.memory.used", "area:heap")}. */
	double metric(String name, String... tags) throws IOException, InterruptedException {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
		}
		HttpResponse<String> response = send("GET", path.toString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("metric " + name + " answered " + response.statusCode());
		}
		return JSON.readTree(response.body()).path("measurements").path(0).path("value").asDouble();
	}

	/** The service's own meters ({@code export_*}) from {@code /actuator/prometheus}, histogram buckets left out. */
	String exportMeters() throws IOException, InterruptedException {
		StringBuilder meters = new StringBuilder();
		send("GET", "/actuator/prometheus").body().lines()
			.filter((line) -> line.startsWith("export_") && !line.contains("_bucket{"))
			.forEach((line) -> meters.append(line).append('\n'));
		return meters.toString();
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("X-API-Key", this.apiKey)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
