package org.earthchem.export.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.earthchem.export.devstack.NodeJvm;
import org.earthchem.export.support.ShellEnvironment;

/**
 * One service node of the chaos run, as {@code make cluster} starts one ({@link NodeJvm}: the service's main class, the
 * local profile, the shared stack and job repository), that can be killed, stopped, frozen and started again under the same name
 * and port. Every life of it appends to the same log file, after a line that says which life it is.
 */
final class ServiceNode {

	// three nodes, the two stack JVMs and PostgreSQL share 24 GB; the bench ran 80,000 rows in a 256 MB heap
	private static final String MAX_HEAP = "-Xmx1g";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2)).build();

	private final int number;

	private final int port;

	private final Map<String, String> settings;

	private final Path log;

	private volatile Process process;

	private volatile boolean frozen;

	// answered healthy since this life began: before, requests would only be refused
	private volatile boolean ready;

	private int lives;

	ServiceNode(int number, int port, Map<String, String> settings, Path folder) {
		this.number = number;
		this.port = port;
		this.settings = Map.copyOf(settings);
		this.log = folder.resolve(name() + ".log");
	}

	/** Its {@code export.node-id}, as task records, events and the queue view name it. */
	String name() {
		return "node-" + this.number;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	Path log() {
		return this.log;
	}

	/** Starts a new life of the node (the previous one must have ended). */
	synchronized void start() throws IOException {
		this.lives++;
		Files.writeString(this.log, "==== chaos: " + name() + " life " + this.lives + " starts at " + Instant.now() + "\n",
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		this.ready = false;
		this.process = NodeJvm.on(this.port)
			.flags(NodeJvm.serviceFlags("chaos.service.jvm.args"))
			.flags(List.of(MAX_HEAP))
			.properties(this.settings)
			.property("export.node-id", name())
			.environment(ShellEnvironment::clean)
			.appendLog(this.log)
			.start()
			.process();
		this.frozen = false;
	}

	/** Alive, ready, not frozen: worth sending a request to. */
	boolean isServing() {
		Process current = this.process;
		return current != null && current.isAlive() && !this.frozen && this.ready;
	}

	boolean isHealthy() {
		Process current = this.process;
		try {
			return current != null && current.isAlive() && !this.frozen && HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
				.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void awaitHealthy(Duration timeout) throws InterruptedException {
		try {
			Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(name() + " exited with " + this.process.exitValue() + "; see "
							+ this.log);
				}
				return isHealthy();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(name() + " was not healthy within " + timeout + "; see " + this.log, ex);
		}
		this.ready = true;
	}

	/** SIGKILL: no shutdown hook, no hand-back; its messages come back after their visibility timeout. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	/** SIGTERM, as an orchestrator stops a node, waiting for it to hand its exports back and exit. */
	void terminate(Duration patience) throws InterruptedException {
		this.ready = false;
		this.process.destroy();
		if (!this.process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(name() + " did not stop within " + patience + " of SIGTERM");
		}
	}

	/** SIGSTOP: the node stops in its tracks, sockets open, heartbeats and visibility extensions with it. */
	void freeze() {
		Signals.send("STOP", this.process.pid());
		this.frozen = true;
	}

	void thaw() {
		Signals.send("CONT", this.process.pid());
		this.frozen = false;
	}

	/** The run was interrupted: the node goes at once. */
	void destroy() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
		}
	}

	/** The end of the run: whatever state it is in, it stops. */
	void stop() throws InterruptedException {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		if (this.frozen) {
			thaw();
		}
		current.destroy();
		if (!current.waitFor(90, TimeUnit.SECONDS)) {
			current.destroyForcibly().waitFor();
		}
	}

}
