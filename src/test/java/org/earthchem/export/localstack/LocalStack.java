package org.earthchem.export.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import java.net.URI;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers the service needs, started in this JVM on loopback ports: an OpenSearch node, DynamoDB Local,
 * S3Proxy with a folder as its blob store, and GreenMail (SMTP and IMAP). A part whose environment variable points
 * at a real server is not started.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	private final Path home;

	private final boolean persistent;

	private final Map<String, String> environment;

	private OpenSearchRunner openSearch;

	private DynamoDBProxyServer dynamoDb;

	private String openSearchUrl;

	private S3Proxy s3;

	private String s3Endpoint;

	private GreenMail mail;

	private LocalIdentityProvider identityProvider;

	/** The bucket the local S3 holds exports in. */
	public static final String BUCKET = "earthchem-exports";

	/** Mailboxes of the demo users: address, IMAP login and password are the same. */
	public static final String[] DEMO_MAILBOXES = { "petdb-user@example.org", "all-user@example.org",
			"operator@example.org" };

	private String dynamoDbEndpoint;

	private SQSRestServer sqs;

	private String sqsEndpoint;

	/**
	 * @param home folder for the servers' data
	 * @param persistent keep data between runs (make run) rather than in memory / a fresh folder (tests)
	 */
	public LocalStack(Path home, boolean persistent) {
		this(home, persistent, System.getenv());
	}

	/**
	 * @param environment the variables that may replace a server by a real one ({@code OPENSEARCH_URL},
	 * {@code AWS_ENDPOINT_URL_*}, {@code SMTP_HOST}); empty: every server is started here (tests)
	 */
	public LocalStack(Path home, boolean persistent, Map<String, String> environment) {
		this.home = home;
		this.persistent = persistent;
		this.environment = Map.copyOf(environment);
	}

	/** Starts every server that the environment does not replace; returns the properties that point at them. */
	public Map<String, String> start() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (isUnset("OPENSEARCH_URL")) {
			this.openSearchUrl = startOpenSearch();
		}
		else {
			this.openSearchUrl = this.environment.get("OPENSEARCH_URL");
		}
		properties.put("export.opensearch.url", this.openSearchUrl);
		boolean localAws = false;
		if (isUnset("AWS_ENDPOINT_URL_DYNAMODB")) {
			this.dynamoDbEndpoint = startDynamoDb();
			properties.put("spring.cloud.aws.dynamodb.endpoint", this.dynamoDbEndpoint);
			localAws = true;
		}
		if (isUnset("AWS_ENDPOINT_URL_S3")) {
			this.s3Endpoint = startS3();
			properties.put("spring.cloud.aws.s3.endpoint", this.s3Endpoint);
			properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
			properties.put("export.s3.bucket", BUCKET);
			// S3Proxy answers 501 to server-side-encryption headers; the real-S3 default is AES256
			properties.put("export.s3.sse", "none");
			localAws = true;
		}
		if (isUnset("AWS_ENDPOINT_URL_SQS")) {
			this.sqsEndpoint = startQueue();
			properties.put("spring.cloud.aws.sqs.endpoint", this.sqsEndpoint);
			localAws = true;
		}
		if (localAws) {
			properties.put("spring.cloud.aws.region.static", "us-east-1");
			properties.put("spring.cloud.aws.credentials.access-key", "local");
			properties.put("spring.cloud.aws.credentials.secret-key", "local");
		}
		if (isUnset("SMTP_HOST")) {
			startMail();
			properties.put("spring.mail.host", "127.0.0.1");
			properties.put("spring.mail.port", String.valueOf(smtpPort()));
		}
		// tokens of `make token` (local) or of the tests, from a key under the stack's folder
		this.identityProvider = LocalIdentityProvider.in(this.home).serve();
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this.identityProvider.jwkSetUri());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", LocalIdentityProvider.ISSUER);
		properties.put("spring.security.oauth2.resourceserver.jwt.audiences", LocalIdentityProvider.AUDIENCE);
		return properties;
	}

	/** The local S3 endpoint, or null when a real one is used. */
	public String s3Endpoint() {
		return this.s3Endpoint;
	}

	/** The local identity provider whose tokens the service trusts. */
	public LocalIdentityProvider identityProvider() {
		return this.identityProvider;
	}

	/** The in-process mail server, or null when a real SMTP server is used. */
	public GreenMail mail() {
		return this.mail;
	}

	public int smtpPort() {
		return this.mail.getSmtp().getPort();
	}

	public int imapPort() {
		return this.mail.getImap().getPort();
	}

	private boolean isUnset(String variable) {
		String value = this.environment.get(variable);
		return value == null || value.isBlank();
	}

	private String startS3() {
		long started = System.nanoTime();
		try {
			Path dir = this.home.resolve("s3");
			Files.createDirectories(dir);
			FilesystemNio2BlobStore blobStore = new FilesystemNio2BlobStore(dir.toAbsolutePath().toString());
			if (!blobStore.containerExists(BUCKET)) {
				blobStore.createContainer(BUCKET);
			}
			// make run keeps one port, so the links in earlier mails still work after a restart
			int port = this.persistent ? Ports.freeOr(9444) : Ports.free();
			this.s3 = S3Proxy.builder()
				.blobStore(blobStore)
				.endpoint(URI.create("http://127.0.0.1:" + port))
				.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "local", "local")
				.build();
			this.s3.start();
			S3Proxy proxy = this.s3;
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(30))
				.pollInterval(java.time.Duration.ofMillis(10))
				.until(() -> "STARTED".equals(proxy.getState()));
			String endpoint = "http://127.0.0.1:" + port;
			log.info("S3Proxy up at {} in {} ms (objects in {})", endpoint, (System.nanoTime() - started) / 1_000_000,
					dir);
			return endpoint;
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not start", ex);
		}
	}

	/** ElasticMQ, speaking the SQS protocol; the service creates its queues at start. */
	private String startQueue() {
		long started = System.nanoTime();
		int port = this.persistent ? Ports.freeOr(9324) : Ports.free();
		this.sqs = SQSRestServerBuilder.withInterface("127.0.0.1")
			.withPort(port)
			.withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
			.withAWSRegion("us-east-1")
			.start();
		this.sqs.waitUntilStarted();
		String endpoint = "http://127.0.0.1:" + port;
		log.info("ElasticMQ (SQS) up at {} in {} ms", endpoint, (System.nanoTime() - started) / 1_000_000);
		return endpoint;
	}

	/** The local SQS endpoint, or null when a real one is used. */
	public String sqsEndpoint() {
		return this.sqsEndpoint;
	}

	private void startMail() {
		int smtp = this.persistent ? Ports.freeOr(3025) : Ports.free();
		int imap = this.persistent ? Ports.freeOr(3143) : Ports.free();
		this.mail = new GreenMail(new ServerSetup[] { new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		this.mail.start();
		for (String mailbox : DEMO_MAILBOXES) {
			this.mail.setUser(mailbox, mailbox, mailbox);
		}
		log.info("GreenMail up: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}", smtpPort(), imapPort());
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
		int port = Ports.free();
		this.openSearch = new OpenSearchRunner();
		this.openSearch.onBuild((number, settings) -> {
			settings.put("http.port", String.valueOf(port));
			settings.put("transport.port", String.valueOf(Ports.free()));
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
		int port = Ports.free();
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
		if (this.identityProvider != null) {
			this.identityProvider.close();
			this.identityProvider = null;
		}
		if (this.mail != null) {
			this.mail.stop();
			this.mail = null;
		}
		if (this.sqs != null) {
			this.sqs.stopAndWait();
			this.sqs = null;
		}
		if (this.s3 != null) {
			try {
				this.s3.stop();
			}
			catch (Exception ex) {
				log.warn("S3Proxy did not stop cleanly", ex);
			}
			this.s3 = null;
		}
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

}
