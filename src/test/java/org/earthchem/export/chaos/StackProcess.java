package org.earthchem.export.chaos;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.earthchem.export.support.ShellEnvironment;

/** The driver's handle on one {@link ChaosStack} process: its settings once it is up, and a way to freeze it. */
final class StackProcess implements AutoCloseable {

	private final String role;

	private final ProcessBuilder command;

	private volatile Process process;

	private final Path endpoints;

	private volatile boolean frozen;

	private StackProcess(String role, ProcessBuilder command, Path endpoints) throws IOException {
		this.role = role;
		this.command = command;
		this.endpoints = endpoints;
		this.process = command.start();
	}

	/** Starts the side {@code role} with its data and log in {@code folder}; {@code args} follow role and folder. */
	static StackProcess start(String role, Path folder, String maxHeap, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + maxHeap);
		String sqlite = System.getProperty("sqlite4java.library.path");
		if (sqlite != null) {
			// DynamoDB Local loads SQLite through JNI from the folder the build unpacked it to
			command.add("-Dsqlite4java.library.path=" + sqlite);
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ChaosStack.class.getName());
		command.add(role);
		command.add(folder.toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(folder.resolve(role + ".log").toFile());
		ShellEnvironment.clean(builder.environment());
		return new StackProcess(role, builder, ChaosStack.endpointsFile(folder, role));
	}

	/**
	 * SIGKILL, then the same side again with the same arguments (the same data and ports): a crash and restart of its
	 * servers. Returns once it has written its settings again.
	 */
	void killAndRestart(Duration timeout) throws IOException, InterruptedException {
		if (this.frozen) {
			thaw();
		}
		this.process.destroyForcibly().waitFor();
		Files.deleteIfExists(this.endpoints);
		this.command.redirectOutput(ProcessBuilder.Redirect.appendTo(this.command.redirectOutput().file()));
		this.process = this.command.start();
		awaitEndpoints(timeout);
	}

	/** The settings that point at this side's servers, once it has written them. */
	Map<String, String> awaitEndpoints(Duration timeout) throws IOException, InterruptedException {
		try {
			Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the " + this.role + " stack exited with "
							+ this.process.exitValue() + " (see its log next to " + this.endpoints + ")");
				}
				return Files.exists(this.endpoints);
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("the " + this.role + " stack did not come up within " + timeout, ex);
		}
		Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(this.endpoints)) {
			properties.load(in);
		}
		Map<String, String> settings = new LinkedHashMap<>();
		properties.stringPropertyNames().forEach((name) -> settings.put(name, properties.getProperty(name)));
		return settings;
	}

	String role() {
		return this.role;
	}

	/** SIGSTOP: every server of this side stops answering, connections stay open (nothing is refused). */
	void freeze() {
		Signals.send("STOP", this.process.pid());
		this.frozen = true;
	}

	void thaw() {
		Signals.send("CONT", this.process.pid());
		this.frozen = false;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.frozen && this.process.isAlive()) {
			// a stopped process would not run its shutdown hooks
			thaw();
		}
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
