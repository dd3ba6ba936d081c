package org.earthchem.export.chaos;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

import org.earthchem.export.devstack.LocalOpenSearch;
import org.earthchem.export.devstack.LocalStack;

/**
 * One side of the chaos run's stack in a JVM of its own, so that the driver can freeze it with SIGSTOP: {@code aws}
 * (DynamoDB Local, S3Proxy, ElasticMQ, GreenMail and the token issuer, as {@link LocalStack} starts them) or
 * {@code opensearch} (the search node). It writes the settings that point at its servers to
 * {@code <folder>/<role>.properties} and lives as long as the driver that started it.
 */
public final class ChaosStack {

	static final String AWS = "aws";

	static final String OPENSEARCH = "opensearch";

	/** The setting under which the aws side tells where GreenMail's IMAP listens (the mail check reads there). */
	static final String IMAP_PORT = "chaos.imap.port";

	private ChaosStack() {
	}

	/** {@code aws <folder> <opensearch url>} or {@code opensearch <folder> <data folder> <http port>}. */
	public static void main(String[] args) throws Exception {
		String role = args[0];
		Path folder = Path.of(args[1]);
		Properties endpoints = new Properties();
		AutoCloseable servers;
		if (OPENSEARCH.equals(role)) {
			LocalOpenSearch node = LocalOpenSearch.start(Path.of(args[2]), Integer.parseInt(args[3]));
			endpoints.setProperty("export.opensearch.url", node.url());
			servers = node;
		}
		else {
			// the search node is the other process's: LocalStack leaves a server alone when its variable is set
			LocalStack stack = new LocalStack(folder.resolve(AWS), false, Map.of("OPENSEARCH_URL", args[2]));
			stack.start().forEach(endpoints::setProperty);
			endpoints.setProperty(IMAP_PORT, String.valueOf(stack.imapPort()));
			servers = stack;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> close(servers), role + "-stop"));
		publish(endpoints, endpointsFile(folder, role));
		// a driver that dies (Ctrl-C, kill -9) takes its stack with it rather than leaving servers on the ports
		ProcessHandle.current().parent().ifPresent((driver) -> driver.onExit().join());
		System.exit(0);
	}

	static Path endpointsFile(Path folder, String role) {
		return folder.resolve(role + ".properties");
	}

	/** Written aside and moved in, so the driver never reads half a file. */
	private static void publish(Properties endpoints, Path file) throws IOException {
		Path written = file.resolveSibling(file.getFileName() + ".tmp");
		try (Writer out = Files.newBufferedWriter(written)) {
			endpoints.store(out, "endpoints of the chaos run's " + file.getFileName());
		}
		Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void close(AutoCloseable servers) {
		try {
			servers.close();
		}
		catch (Exception ex) {
			// stopping anyway
		}
	}

}
