package org.earthchem.export.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server (zonky's embedded PostgreSQL 14, binaries from Maven) for the job repository that several
 * service nodes share, with a database {@value #DATABASE} for it. As root too: PostgreSQL refuses to run as root, so
 * zonky then runs it in a user namespace ({@code unshare}, util-linux) where it is not.
 */
public final class LocalPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

	/** The database the job repository lives in. */
	public static final String DATABASE = "export";

	private static final String USER = "postgres";

	private final Path dataDirectory;

	private final boolean persistent;

	private boolean shutdownHook = true;

	private EmbeddedPostgres server;

	/**
	 * @param home folder for the server's data (in {@code home/postgres})
	 * @param persistent keep the data between runs (make cluster) rather than start from an empty cluster (tests)
	 */
	public LocalPostgres(Path home, boolean persistent) {
		this.dataDirectory = home.resolve("postgres").toAbsolutePath();
		this.persistent = persistent;
	}

	/**
	 * Leaves the stop to the caller (make cluster's launcher stops it after the nodes that use it), rather than to a
	 * shutdown hook of its own that would stop it under them; a server left over by a killed JVM is stopped at the
	 * next start.
	 */
	public LocalPostgres withoutShutdownHook() {
		this.shutdownHook = false;
		return this;
	}

	/** Starts the server on a free port. */
	public LocalPostgres start() {
		return start(0);
	}

	/** Starts the server on this port (0: any free one) and creates the database when it is missing. */
	public LocalPostgres start(int port) {
		long started = System.nanoTime();
		try {
			stopLeftOverServer();
			if (!this.persistent) {
				FileSystemUtils.deleteRecursively(this.dataDirectory);
			}
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				// an existing cluster is reused rather than initialised again
				.setCleanDataDirectory(!this.persistent)
				.setRegisterShutdownHook(this.shutdownHook);
			if (port != 0) {
				builder.setPort(port);
			}
			this.server = builder.start();
			createDatabase(DATABASE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
		log.info("PostgreSQL up at {} in {} ms (data in {})", jdbcUrl(), (System.nanoTime() - started) / 1_000_000,
				this.dataDirectory);
		return this;
	}

	/** The job repository's database. */
	/** The settings that make a service keep its job repository here. */
	public Map<String, String> jobRepository() {
		return Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username", username(),
				"spring.datasource.password", password());
	}

	public String jdbcUrl() {
		return jdbcUrl(DATABASE);
	}

	/** Another database of this server. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database;
	}

	public String username() {
		return USER;
	}

	/** Empty: the server trusts local connections. */
	public String password() {
		return "";
	}

	public int port() {
		return this.server.getPort();
	}

	/** Creates a database unless it exists. */
	public void createDatabase(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("not a plain database name: " + name);
		}
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
				if (found.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + name, ex);
		}
	}

	@Override
	public void close() {
		if (this.server != null) {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				log.warn("PostgreSQL did not stop cleanly", ex);
			}
			this.server = null;
		}
	}

	/**
	 * The server's processes while it runs: the postmaster and its backends and workers (a fault injector freezes them
	 * all with SIGSTOP, as a stalled database host would look).
	 */
	public java.util.List<ProcessHandle> serverProcesses() throws IOException {
		long pid = Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).trim());
		ProcessHandle postmaster = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("PostgreSQL's postmaster " + pid + " is not running"));
		java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
		all.add(postmaster);
		postmaster.descendants().forEach(all::add);
		return all;
	}

	/**
	 * The server is a process of its own: one whose JVM was killed (kill -9) outlives it and holds the data directory
	 * until it is stopped.
	 */
	private void stopLeftOverServer() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		ProcessHandle.of(pid)
			.filter((process) -> process.info().commandLine().orElse("").contains(this.dataDirectory.toString()))
			.ifPresent((process) -> {
				log.info("Stopping the PostgreSQL server a previous run left behind (pid {})", pid);
				// SIGTERM: a smart shutdown, once the sessions of that run are gone; else it is killed
				process.destroy();
				try {
					process.onExit().get(30, TimeUnit.SECONDS);
				}
				catch (TimeoutException | ExecutionException ex) {
					process.destroyForcibly();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
	}

}
