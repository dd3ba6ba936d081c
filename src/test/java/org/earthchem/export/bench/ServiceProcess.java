package org.earthchem.export.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.earthchem.export.LocalExportServiceApplication;
import org.earthchem.export.localstack.Ports;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, started as {@code make run} starts it: {@link LocalExportServiceApplication} (the
 * service with DynamoDB Local, S3Proxy, GreenMail and the JWT issuer in the same JVM) on the test classpath, with the
 * JVM flags of pom.xml's {@code service.jvm.args} (handed over by the exec plugin as {@code bench.service.jvm.args}).
 * Its data lives under {@code .local} in a working directory of its own, its output goes to a log file.
 */
final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final List<String> jvmFlags;

	private final String baseUrl;

	/**
	 * @param home the working directory (the service keeps its data in {@code .local} below it)
	 * @param extraFlags JVM flags on top of make run's (a heap cap, a flight recording)
	 * @param environment variables on top of this JVM's
	 * @param arguments program arguments (Spring properties) on top of the port
	 * @param log where its stdout and stderr go
	 */
	ServiceProcess(Path home, List<String> extraFlags, Map<String, String> environment, List<String> arguments, Path log)
			throws IOException {
		Files.createDirectories(home);
		int port = Ports.free();
		this.jvmFlags = new ArrayList<>(makeRunFlags());
		this.jvmFlags.addAll(extraFlags);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmFlags);
		// LocalStack looks for SQLite's JNI library relative to the working directory, which is not the project here
		command.add("-Dsqlite4java.library.path=" + Path.of(required("bench.native-libs")).toAbsolutePath());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(LocalExportServiceApplication.class.getName());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		this.process = builder.start();
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** pom.xml's {@code service.jvm.args}, which {@code make run} passes to its JVM too. */
	static List<String> makeRunFlags() {
		String flags = required("bench.service.jvm.args");
		return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
	}

	private static String required(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			throw new IllegalStateException(property + " is not set: run the benchmark with make bench");
		}
		return value;
	}

	/** The service JVM's process, for its CPU time. */
	ProcessHandle handle() {
		return this.process.toHandle();
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/** The JVM flags it runs with. */
	List<String> jvmFlags() {
		return this.jvmFlags;
	}

	/** Waits until the service answers healthy; its own stack starts first, so this takes a while. */
	void awaitReady(ServiceApi api) {
		// connections are refused until it listens
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the service exited with " + this.process.exitValue());
				}
				return api.isUp();
			});
	}

	/** Stops it as Ctrl-C stops make run: its shutdown hooks stop the stack and write a flight recording out. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
