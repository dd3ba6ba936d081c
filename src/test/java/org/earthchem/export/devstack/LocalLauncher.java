package org.earthchem.export.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code make run} and {@code make cluster} share: the local stack in this JVM (the launcher) under
 * {@code .local/}, seeded with the demo indices when its OpenSearch node is new, and the service nodes in JVMs of their
 * own ({@link NodeJvm}) pointed at it. Ctrl-C or SIGTERM stops the nodes first (they hand their exports back through the
 * stack), then the stack; when the last node has exited, so does the launcher, with that node's exit status.
 */
final class LocalLauncher {

	/** The exec plugin hands pom.xml's {@code service.jvm.args} to the launcher in this property. */
	private static final String SERVICE_FLAGS = "local.service.jvm.args";

	private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(5);

	private final Path home = Path.of(".local").toAbsolutePath();

	private final LocalStack stack = new LocalStack(this.home, true);

	private final LocalPostgres postgres;

	private final List<NodeJvm> nodes = new CopyOnWriteArrayList<>();

	/**
	 * @param sharedJobRepository PostgreSQL for the job repository of several nodes; else the local profile's H2 file
	 * ({@code .local/batch/jobs}) of a single node
	 */
	LocalLauncher(boolean sharedJobRepository) {
		this.postgres = sharedJobRepository ? new LocalPostgres(this.home, true).withoutShutdownHook() : null;
	}

	Path home() {
		return this.home;
	}

	LocalStack stack() {
		return this.stack;
	}

	/** Starts the stack; returns the properties every node gets (its servers, the local profile). */
	Map<String, String> startStack() {
		// ElasticMQ's actor system would stop in a shutdown hook of its own, at once: the nodes need the queue until they
		// have handed their exports back, and this launcher's hook stops it after them
		System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "launcher-stop"));
		Map<String, String> properties = new LinkedHashMap<>(this.stack.start());
		if (this.stack.embeddedOpenSearch()) {
			DemoIndices.seedDemo(this.stack.openSearchUrl());
		}
		if (this.postgres != null) {
			this.postgres.start();
			properties.putAll(this.postgres.jobRepository());
		}
		properties.put("spring.profiles.active", "local");
		return properties;
	}

	/** A node with the service's JVM flags, the stack's properties, its port and name. */
	NodeJvm.Launch node(Map<String, String> properties, int port) {
		return NodeJvm.on(port).flags(NodeJvm.serviceFlags(SERVICE_FLAGS)).properties(properties);
	}

	/**
	 * Only the first node, when the queue is this JVM's ElasticMQ: it began empty, so that node queues again what the
	 * last run had queued or running (one node only, so that no node takes over an export another has just started).
	 */
	boolean resendsAtStart() {
		return this.stack.sqsEndpoint() != null;
	}

	NodeJvm start(NodeJvm.Launch launch) throws IOException {
		NodeJvm node = launch.start();
		this.nodes.add(node);
		return node;
	}

	/** Waits until every node is healthy (false after five minutes: the caller says so and carries on). */
	boolean awaitHealthy() throws InterruptedException {
		for (NodeJvm node : this.nodes) {
			if (!node.awaitHealthy(HEALTHY_WITHIN)) {
				return false;
			}
		}
		return true;
	}

	/** Waits until every node has exited; the exit status of the last one to exit. */
	int awaitExit() {
		AtomicInteger last = new AtomicInteger();
		CompletableFuture.allOf(this.nodes.stream()
			.map((node) -> node.process().onExit().thenAccept((process) -> last.set(process.exitValue())))
			.toArray(CompletableFuture[]::new)).join();
		return last.get();
	}

	/** Ends this JVM as its last node ended (the shutdown hook stops the rest); never returns. */
	void exitWithNodes() {
		int status = awaitExit();
		System.exit(status);
	}

	/** Nodes first, all at once (each hands its exports back through the stack), then the stack. */
	private void stop() {
		this.nodes.forEach((node) -> node.process().destroy());
		CompletableFuture.allOf(this.nodes.stream()
			.map((node) -> CompletableFuture.runAsync(() -> close(node)))
			.toArray(CompletableFuture[]::new)).join();
		this.stack.close();
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	private static void close(NodeJvm node) {
		try {
			node.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static String environment(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
