package org.earthchem.export.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.earthchem.export.devstack.NodeJvm;
import org.earthchem.export.devstack.Ports;

import static org.awaitility.Awaitility.await;

/**
 * The service alone in a JVM of its own, as {@code make run} starts it ({@link NodeJvm}: the service's main class, the
 * local profile, the JVM flags of pom.xml's {@code service.jvm.args}, handed over by the exec plugin as
 * {@code bench.service.jvm.args}), pointed at the driver's stack, so that its heap and CPU are the service's only. Its
 * queue is its own ({@code <name>.fifo}), so that a service started after another does not meet its leftovers; its job
 * repository (the local profile's H2 file) lies under its working directory, its output goes to a log file.
 */
final class ServiceProcess implements AutoCloseable {

	private final NodeJvm node;

	private final List<String> jvmFlags;

	/**
	 * @param home the working directory, named after the service (its job repository is in {@code .local} below it)
	 * @param extraFlags JVM flags on top of make run's (a heap cap, a flight recording)
	 * @param stack the properties of the driver's stack, as {@code LocalStack.start()} returns them
	 * @param environment variables on top of this JVM's
	 * @param arguments program arguments (Spring properties) on top of the port
	 * @param log where its stdout and stderr go
	 */
	ServiceProcess(Path home, List<String> extraFlags, Map<String, String> stack, Map<String, String> environment,
			List<String> arguments, Path log) throws IOException {
		this.jvmFlags = new ArrayList<>(makeRunFlags());
		this.jvmFlags.addAll(extraFlags);
		String queue = "bench-" + home.getFileName();
		this.node = NodeJvm.on(Ports.free())
			.flags(this.jvmFlags)
			.properties(stack)
			.property("spring.profiles.active", "local")
			.property("export.queue.name", queue + ".fifo")
			.property("export.queue.dead-letter-name", queue + "-dlq.fifo")
			.arguments(arguments)
			.directory(home)
			.environment((variables) -> variables.putAll(environment))
			.log(log)
			.start();
		// a driver stopped before it closed the service (Ctrl-C, SIGTERM) leaves no service JVM behind
		Process process = this.node.process();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-service-stop"));
	}

	/** pom.xml's {@code service.jvm.args}, which {@code make run} passes to its service JVM too. */
	static List<String> makeRunFlags() {
		if (System.getProperty("bench.service.jvm.args") == null) {
			throw new IllegalStateException("bench.service.jvm.args is not set: run the benchmark with make bench");
		}
		return NodeJvm.serviceFlags("bench.service.jvm.args");
	}

	/** The service JVM's process, for its CPU time. */
	ProcessHandle handle() {
		return this.node.process().toHandle();
	}

	String baseUrl() {
		return this.node.url();
	}

	/** The service JVM's pid (its CPU time and heap are the service's alone). */
	long pid() {
		return this.node.pid();
	}

	/** The JVM flags it runs with. */
	List<String> jvmFlags() {
		return this.jvmFlags;
	}

	/** Waits until the service answers healthy (the stack is the driver's and already up). */
	void awaitReady(ServiceApi api) {
		// connections are refused until it listens
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				if (!this.node.isAlive()) {
					throw new IllegalStateException("the service exited with " + this.node.process().exitValue());
				}
				return api.isUp();
			});
	}

	/** Stops it as Ctrl-C stops make run: its shutdown hooks write a flight recording out. */
	@Override
	public void close() throws InterruptedException {
		this.node.close();
	}

}
