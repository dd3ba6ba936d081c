package org.earthchem.export.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.awaitility.Awaitility;

/**
 * The cluster's HTTP API as a client sees it: each request goes to the next node that is serving, as a load balancer
 * would send it, and to another one when that one does not answer.
 */
final class ChaosApi {

	/** The operator's demo key of the local profile: issues keys, reads every task and the queue. */
	static final String OPERATOR_KEY = "operator-demo-key";

	static final JsonMapper JSON = JsonMapper.builder().build();

	// a node waiting on a frozen DynamoDB holds a request for long: the poller moves on after this
	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(8);

	// a POST searches and writes; on two busy cores that took longer than a poll's patience
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2)).build();

	private final List<ServiceNode> nodes;

	private final AtomicInteger next = new AtomicInteger();

	ChaosApi(List<ServiceNode> nodes) {
		this.nodes = nodes;
	}

	/** A request to some serving node, to the next one when it cannot be reached. */
	HttpResponse<String> send(String method, String path, String key, String body)
			throws IOException, InterruptedException {
		IOException last = null;
		for (int i = 0; i < this.nodes.size(); i++) {
			try {
				return sendTo(pick(), method, path, key, body);
			}
			catch (IOException ex) {
				last = ex;
			}
		}
		throw (last != null) ? last : new IOException("no node is serving");
	}

	/** A request to this node. */
	HttpResponse<String> sendTo(ServiceNode node, String method, String path, String key, String body)
			throws IOException, InterruptedException {
		return this.http.send(request(node, method, path, key, body, TIMEOUT), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A GET of the checks, asked again (on the next serving node) while it is refused with 429 — the node's per-owner
	 * read limit, which the status watch's polls may have spent — or not answered, for at most two minutes.
	 */
	HttpResponse<String> read(String path, String key) {
		AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
		Awaitility.await("GET " + path)
			.atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				answer.set(send("GET", path, key, null));
				return answer.get().statusCode() != 429;
			});
		return answer.get();
	}

	/** A GET that does not wait for the answer, for polling many tasks at once; once more elsewhere if it fails. */
	CompletableFuture<HttpResponse<String>> getAsync(String path, String key) {
		return this.http.sendAsync(request(pick(), "GET", path, key, null, POLL_TIMEOUT),
				HttpResponse.BodyHandlers.ofString())
			.exceptionallyCompose((failure) -> this.http.sendAsync(request(pick(), "GET", path, key, null, POLL_TIMEOUT),
					HttpResponse.BodyHandlers.ofString()));
	}

	/** The running exports by node, as the operators' queue view lists them; empty when it cannot be read. */
	Map<String, List<String>> runningByNode() {
		try {
			JsonNode queue = json(send("GET", "/api/v1/admin/queue", OPERATOR_KEY, null));
			Map<String, List<String>> running = new TreeMap<>();
			for (JsonNode task : queue.path("running")) {
				if (task.path("node").isString()) {
					running.computeIfAbsent(task.path("node").asString(), (node) -> new ArrayList<>())
						.add(task.path("taskId").asString());
				}
			}
			return running;
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}

	/**
	 * The node's {@code export_runs_fenced_total}, summed over its series, from {@code /actuator/prometheus}: "absent"
	 * when the node has no such meter, "unreadable" when it does not answer.
	 */
	String fencedRuns(ServiceNode node) {
		try {
			HttpResponse<String> scrape = sendTo(node, "GET", "/actuator/prometheus", OPERATOR_KEY, null);
			if (scrape.statusCode() != 200) {
				return "unreadable (" + scrape.statusCode() + ")";
			}
			List<String> series = scrape.body().lines().filter((line) -> line.startsWith("export_runs_fenced_total"))
				.toList();
			double total = series.stream().mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
			return series.isEmpty() ? "absent" : String.valueOf((long) total);
		}
		catch (IOException ex) {
			return "unreadable";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unreadable";
		}
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpRequest request(ServiceNode node, String method, String path, String key, String body,
			Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(timeout)
			.header("X-API-Key", key);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody()).build();
	}

	/** The next serving node in turn; any node when none is (the request then fails as it would for a client). */
	private ServiceNode pick() {
		for (int i = 0; i < this.nodes.size(); i++) {
			ServiceNode node = this.nodes.get(Math.floorMod(this.next.getAndIncrement(), this.nodes.size()));
			if (node.isServing()) {
				return node;
			}
		}
		return this.nodes.get(0);
	}

}
