package org.earthchem.export.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DynamoDB Local in server mode in this JVM: in memory, or in a folder that the next run reuses. */
public final class LocalDynamoDb implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalDynamoDb.class);

	private final DynamoDBProxyServer server;

	private final String endpoint;

	private LocalDynamoDb(DynamoDBProxyServer server, String endpoint) {
		this.server = server;
		this.endpoint = endpoint;
	}

	/** @param folder where the tables are kept, or null: in memory */
	public static LocalDynamoDb start(Path folder) {
		long started = System.nanoTime();
		if (System.getProperty("sqlite4java.library.path") == null) {
			System.setProperty("sqlite4java.library.path", Path.of("target", "native-libs").toAbsolutePath().toString());
		}
		int port = Ports.free();
		DynamoDBProxyServer server;
		try {
			String[] args;
			if (folder != null) {
				Files.createDirectories(folder);
				args = new String[] { "-port", String.valueOf(port), "-dbPath", folder.toAbsolutePath().toString(),
						"-sharedDb", "-disableTelemetry" };
			}
			else {
				args = new String[] { "-port", String.valueOf(port), "-inMemory", "-sharedDb", "-disableTelemetry" };
			}
			server = ServerRunner.createServerFromCommandLineArgs(args);
			server.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("DynamoDB Local did not start", ex);
		}
		String endpoint = "http://127.0.0.1:" + port;
		log.info("DynamoDB Local up at {} in {} ms", endpoint, (System.nanoTime() - started) / 1_000_000);
		return new LocalDynamoDb(server, endpoint);
	}

	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() throws Exception {
		this.server.stop();
	}

}
