package org.earthchem.export.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** The export service in a JVM of its own, with a capped heap, driven over HTTP as a portal would. */
final class ServiceProcess implements AutoCloseable {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	ServiceProcess(String maxHeap, int port, Map<String, String> properties, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + maxHeap);
		command.add("-Xms" + maxHeap);
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-Dserver.port=" + port);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("org.earthchem.export.ExportServiceApplication");
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	void awaitReady(Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited with " + this.process.exitValue());
			}
			return send("GET", "/actuator/health").statusCode() == 200;
		});
	}

	/** Runs one export through the API and measures it from the request to Succeeded. */
	Measurement export(String source, String query) throws Exception {
		AtomicLong peak = new AtomicLong();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		long started = System.nanoTime();
		sampler.scheduleAtFixedRate(() -> {
			try {
				peak.accumulateAndGet(heapUsed(), Math::max);
			}
			catch (Exception ex) {
				// a missed sample
			}
		}, 0, 50, TimeUnit.MILLISECONDS);
		JsonNode task;
		try {
			HttpResponse<String> created = send("POST", "/api/v1/exports/" + source + "?" + query);
			if (created.statusCode() != 202) {
				throw new IllegalStateException("export request answered " + created.statusCode() + ": " + created.body());
			}
			String taskId = JSON.readTree(created.body()).path("taskId").asString();
			task = await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> JSON.readTree(send("GET", "/api/v1/exports/" + taskId).body()),
						(t) -> !"Pending".equals(t.path("status").asString())
								&& !"Processing".equals(t.path("status").asString()));
		}
		finally {
			sampler.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long heapPeak = peak.get();
		if (!"Succeeded".equals(task.path("status").asString())) {
			throw new IllegalStateException("export ended " + task);
		}
		long rows = 0;
		long bytes = 0;
		for (JsonNode file : task.path("files")) {
			rows += file.path("rows").asLong();
			bytes += file.path("bytes").asLong();
		}
		return new Measurement(seconds, rows, bytes, heapPeak, task.path("files").size());
	}

	private long heapUsed() throws Exception {
		JsonNode metric = JSON.readTree(send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap").body());
		return (long) metric.path("measurements").path(0).path("value").asDouble();
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("X-API-Key", ExportBenchmark.KEY)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/** One export's figures. */
	record Measurement(double seconds, long rows, long bytes, long heapPeakBytes, int files) {
	}

}
