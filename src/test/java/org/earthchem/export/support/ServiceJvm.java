package org.earthchem.export.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earthchem.export.devstack.Ports;

import static org.awaitility.Awaitility.await;

/** The export service in a JVM of its own, so a test can kill it the hard way (SIGKILL) and start another. */
public final class ServiceJvm implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private String apiKey = "operator-demo-key";

	public ServiceJvm(Map<String, String> properties, Path log) throws IOException {
		this(properties, log, "512m", null);
	}

	/**
	 * @param maxHeap the JVM's {@code -Xmx}
	 * @param home the working directory and temporary folder of the JVM (null: this JVM's own)
	 */
	public ServiceJvm(Map<String, String> properties, Path log, String maxHeap, Path home) throws IOException {
		this(properties, log, maxHeap, home, Map.of());
	}

	/**
	 * @param shell variables added to the environment this JVM hands down, as a developer's shell would (tests of the
	 * cleaning): whatever would point the service elsewhere than the test stack is removed before it starts
	 */
	public ServiceJvm(Map<String, String> properties, Path log, String maxHeap, Path home, Map<String, String> shell)
			throws IOException {
		this.port = Ports.free();
		this.log = log;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + maxHeap);
		if (home != null) {
			java.nio.file.Files.createDirectories(home.resolve("tmp"));
			command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
		}
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-Dserver.port=" + this.port);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("org.earthchem.export.ExportServiceApplication");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (home != null) {
			builder.directory(home.toFile());
		}
		builder.environment().putAll(shell);
		ShellEnvironment.clean(builder.environment());
		this.process = builder.start();
	}

	/**
	 * The test stack's settings for a service in a JVM of its own: the test profile, and a queue of its own (the tests'
	 * own service listens on the shared one and would take its exports).
	 * @param queue the queue's name without {@code .fifo}; its dead-letter queue is {@code <queue>-dlq.fifo}
	 */
	public static Map<String, String> settings(String queue) {
		Map<String, String> properties = new LinkedHashMap<>(TestStack.get().properties());
		properties.put("spring.profiles.active", "test");
		properties.put("export.queue.name", queue + ".fifo");
		properties.put("export.queue.dead-letter-name", queue + "-dlq.fifo");
		return properties;
	}

	/** Where this service answers, e.g. for a browser. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Sends this key rather than the operator's demo key. */
	public ServiceJvm withApiKey(String key) {
		this.apiKey = key;
		return this;
	}

	public ServiceJvm awaitReady() {
		// a JVM starting beside others on a loaded two-core machine has taken over two minutes
		await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited with " + this.process.exitValue());
			}
			return send("GET", "/actuator/health").statusCode() == 200;
		});
		return this;
	}

	/** Once the service answers, whatever its readiness says (a test that cuts a backend off on purpose). */
	public ServiceJvm awaitLive() {
		await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited with " + this.process.exitValue());
			}
			return send("GET", "/actuator/health/liveness").statusCode() == 200;
		});
		return this;
	}

	public HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return Http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("X-API-Key", this.apiKey)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** SIGSTOP: the JVM stops without dying (a long pause, a VM migration) until {@link #thaw()}. */
	public void freeze() throws IOException, InterruptedException {
		signal("STOP");
	}

	/** SIGCONT: a frozen JVM carries on where it stopped, unaware of the time that passed. */
	public void thaw() throws IOException, InterruptedException {
		signal("CONT");
	}

	private void signal(String name) throws IOException, InterruptedException {
		int exit = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("kill -" + name + " " + this.process.pid() + " exited with " + exit);
		}
	}

	/** The lines this JVM has logged so far. */
	public List<String> logLines() throws IOException {
		return java.nio.file.Files.readAllLines(this.log);
	}

	/** Whether the JVM still runs. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Waits until the JVM ends by itself (a node that stops on its own); its exit code. */
	public int awaitExit(Duration atMost) throws InterruptedException {
		if (!this.process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("the service still runs after " + atMost);
		}
		return this.process.exitValue();
	}

	/** SIGKILL: no shutdown hook, no listener, nothing gets a chance to tidy up. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		// a frozen JVM would not act on SIGTERM
		try {
			signal("CONT");
		}
		catch (IOException | IllegalStateException ex) {
			// already gone
		}
		this.process.destroy();
		this.process.waitFor();
	}

}
