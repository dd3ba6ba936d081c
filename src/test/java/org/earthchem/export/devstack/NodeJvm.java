package org.earthchem.export.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.earthchem.export.ExportServiceApplication;

/**
 * A service node in a JVM of its own, as production runs one: {@link ExportServiceApplication} on this classpath with
 * pom.xml's {@code service.jvm.args}, the local stack's properties as system properties, on a port of its own. The
 * node JVM of {@code make run}, {@code make cluster}, {@code make bench} and {@code make chaos}.
 */
public final class NodeJvm implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Process process;

	private final int port;

	private final List<String> command;

	private NodeJvm(Process process, int port, List<String> command) {
		this.process = process;
		this.port = port;
		this.command = List.copyOf(command);
	}

	/** A node to start on {@code port}. */
	public static Launch on(int port) {
		return new Launch(port);
	}

	/** pom.xml's {@code service.jvm.args}, which the exec plugin hands to the launching JVM in {@code property}. */
	public static List<String> serviceFlags(String property) {
		String flags = System.getProperty(property, "").trim();
		return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/** The JVM itself, for what only a process can be asked (signals, exit). */
	public Process process() {
		return this.process;
	}

	/** The command line it was started with. */
	public List<String> command() {
		return this.command;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** True when it answers {@code /actuator/health} with 200 (UP). */
	public boolean isHealthy() {
		try {
			return this.process.isAlive() && HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Waits until it is healthy: true, or false when {@code timeout} passed first.
	 * @throws IllegalStateException when the JVM exits meanwhile
	 */
	public boolean awaitHealthy(Duration timeout) throws InterruptedException {
		try {
			Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the service node exited with " + this.process.exitValue());
				}
				return isHealthy();
			});
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	/** Stops it as Ctrl-C or an orchestrator does (SIGTERM: exports handed back, hooks run); SIGKILL after 2 minutes. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	/** What a node is started with. */
	public static final class Launch {

		private final int port;

		private final List<String> flags = new ArrayList<>();

		private final Map<String, String> properties = new LinkedHashMap<>();

		private final List<String> arguments = new ArrayList<>();

		private Path directory;

		private Consumer<Map<String, String>> environment = (variables) -> {
		};

		private ProcessBuilder.Redirect output = ProcessBuilder.Redirect.INHERIT;

		private Launch(int port) {
			this.port = port;
		}

		/** JVM flags, in order (the service's, then a heap cap or a recording). */
		public Launch flags(List<String> flags) {
			this.flags.addAll(flags);
			return this;
		}

		/** Spring properties as system properties (they outrank the environment, below program arguments). */
		public Launch properties(Map<String, String> properties) {
			this.properties.putAll(properties);
			return this;
		}

		public Launch property(String name, String value) {
			this.properties.put(name, value);
			return this;
		}

		/** Program arguments ({@code --name=value}, outranking everything else). */
		public Launch arguments(List<String> arguments) {
			this.arguments.addAll(arguments);
			return this;
		}

		/** Its working directory (its relative paths, e.g. the H2 job repository of the local profile); else this one. */
		public Launch directory(Path directory) {
			this.directory = directory;
			return this;
		}

		/** Changes the environment it gets from this JVM. */
		public Launch environment(Consumer<Map<String, String>> change) {
			this.environment = change;
			return this;
		}

		/** Its stdout and stderr into {@code log} (a new file). */
		public Launch log(Path log) {
			this.output = ProcessBuilder.Redirect.to(log.toFile());
			return this;
		}

		/** Its stdout and stderr appended to {@code log} (the lives of a node restarted under one name). */
		public Launch appendLog(Path log) {
			this.output = ProcessBuilder.Redirect.appendTo(log.toFile());
			return this;
		}

		/** Its stdout and stderr in this JVM's (the terminal of {@code make run}); the default. */
		public Launch terminal() {
			this.output = ProcessBuilder.Redirect.INHERIT;
			return this;
		}

		public NodeJvm start() throws IOException {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(this.flags);
			this.properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
			command.add("-Dserver.port=" + this.port);
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(ExportServiceApplication.class.getName());
			command.addAll(this.arguments);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.output);
			if (this.directory != null) {
				Files.createDirectories(this.directory);
				builder.directory(this.directory.toFile());
			}
			this.environment.accept(builder.environment());
			return new NodeJvm(builder.start(), this.port, command);
		}

	}

}
