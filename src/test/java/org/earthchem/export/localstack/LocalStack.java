package org.earthchem.export.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers the service needs, started in this JVM on loopback ports: an OpenSearch node and
 * DynamoDB Local. A part whose environment variable points at a real server is not started.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	private final Path home;

	private final boolean persistent;

	private OpenSearchRunner openSearch;

	private DynamoDBProxyServer dynamoDb;

	private String openSearchUrl;

	private String dynamoDbEndpoint;

	/**
	 * @param home folder for the servers' data
	 * @param persistent keep data between runs (make run) rather than in memory / a fresh folder (tests)
	 */
	public LocalStack(Path home, boolean persistent) {
		this.home = home;
		this.persistent = persistent;
	}

	/** Starts every server that the environment does not replace; returns the properties that point at them. */
	public Map<String, String> start() {
		Map<String, String> properties = new LinkedHashMap<>();
		String externalOpenSearch = System.getenv("OPENSEARCH_URL");
		if (externalOpenSearch == null || externalOpenSearch.isBlank()) {
			this.openSearchUrl = startOpenSearch();
		}
		else {
			this.openSearchUrl = externalOpenSearch;
		}
		properties.put("export.opensearch.url", this.openSearchUrl);
		String externalDynamoDb = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
		if (externalDynamoDb == null || externalDynamoDb.isBlank()) {
			this.dynamoDbEndpoint = startDynamoDb();
			properties.put("spring.cloud.aws.dynamodb.endpoint", this.dynamoDbEndpoint);
			properties.put("spring.cloud.aws.region.static", "us-east-1");
			properties.put("spring.cloud.aws.credentials.access-key", "local");
			properties.put("spring.cloud.aws.credentials.secret-key", "local");
		}
		return properties;
	}

	public String openSearchUrl() {
		return this.openSearchUrl;
	}

	public String dynamoDbEndpoint() {
		return this.dynamoDbEndpoint;
	}

	/** True when this stack started the OpenSearch node itself (and may seed it). */
	public boolean embeddedOpenSearch() {
		return this.openSearch != null;
	}

	private String startOpenSearch() {
		long started = System.nanoTime();
		Path base = this.home.resolve("opensearch");
		int port = freePort();
		this.openSearch = new OpenSearchRunner();
		this.openSearch.onBuild((number, settings) -> {
			settings.put("http.port", String.valueOf(port));
			settings.put("transport.port", String.valueOf(freePort()));
			settings.put("discovery.type", "single-node");
			settings.putList("node.roles", "cluster_manager", "data", "ingest");
			settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
			settings.put("action.auto_create_index", "false");
			settings.put("search.max_keep_alive", "1h");
		}).build(OpenSearchRunner.newConfigs()
			.basePath(base.toAbsolutePath().toString())
			.clusterName("export-local")
			.numOfNode(1)
			.disableESLogger()
			.moduleTypes("org.opensearch.transport.Netty4Plugin,org.opensearch.analysis.common.CommonAnalysisModulePlugin,"
					+ "org.opensearch.index.mapper.MapperExtrasModulePlugin,org.opensearch.geo.GeoModulePlugin"));
		this.openSearch.ensureYellow();
		String url = "http://127.0.0.1:" + port;
		log.info("OpenSearch node up at {} in {} ms (data in {})", url, (System.nanoTime() - started) / 1_000_000, base);
		return url;
	}

	private String startDynamoDb() {
		long started = System.nanoTime();
		if (System.getProperty("sqlite4java.library.path") == null) {
			System.setProperty("sqlite4java.library.path", Path.of("target", "native-libs").toAbsolutePath().toString());
		}
		int port = freePort();
		try {
			String[] args;
			if (this.persistent) {
				Path dbPath = this.home.resolve("dynamodb");
				Files.createDirectories(dbPath);
				args = new String[] { "-port", String.valueOf(port), "-dbPath", dbPath.toAbsolutePath().toString(),
						"-sharedDb", "-disableTelemetry" };
			}
			else {
				args = new String[] { "-port", String.valueOf(port), "-inMemory", "-sharedDb", "-disableTelemetry" };
			}
			this.dynamoDb = ServerRunner.createServerFromCommandLineArgs(args);
			this.dynamoDb.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("DynamoDB Local did not start", ex);
		}
		String endpoint = "http://127.0.0.1:" + port;
		log.info("DynamoDB Local up at {} in {} ms", endpoint, (System.nanoTime() - started) / 1_000_000);
		return endpoint;
	}

	@Override
	public void close() {
		if (this.dynamoDb != null) {
			try {
				this.dynamoDb.stop();
			}
			catch (Exception ex) {
				log.warn("DynamoDB Local did not stop cleanly", ex);
			}
			this.dynamoDb = null;
		}
		if (this.openSearch != null) {
			try {
				this.openSearch.close();
			}
			catch (IOException ex) {
				log.warn("OpenSearch node did not stop cleanly", ex);
			}
			this.openSearch = null;
		}
	}

	/** Stops the embedded OpenSearch node (fault-injection in tests). */
	public void stopOpenSearch() {
		if (this.openSearch != null) {
			try {
				this.openSearch.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
