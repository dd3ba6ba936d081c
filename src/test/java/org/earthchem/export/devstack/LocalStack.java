package org.earthchem.export.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers the service needs, started in this JVM on loopback ports: an OpenSearch node, DynamoDB Local,
 * S3Proxy with a folder as its blob store, ElasticMQ and GreenMail (SMTP and IMAP), each a class of its own, and the
 * identity provider of the tokens. A part whose environment variable points at a real server is not started.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	/** The bucket the local S3 holds exports in. */
	public static final String BUCKET = "earthchem-exports";

	/** Mailboxes of the demo users: address, IMAP login and password are the same. */
	public static final String[] DEMO_MAILBOXES = { "petdb-user@example.org", "all-user@example.org",
			"operator@example.org" };

	private final Path home;

	private final boolean persistent;

	private final Map<String, String> environment;

	private LocalOpenSearch openSearch;

	private String openSearchUrl;

	private LocalDynamoDb dynamoDb;

	private LocalS3 s3;

	private LocalSqs sqs;

	private LocalMail mail;

	private LocalIdentityProvider identityProvider;

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
			this.openSearch = LocalOpenSearch.start(this.home.resolve("opensearch"));
			this.openSearchUrl = this.openSearch.url();
		}
		else {
			this.openSearchUrl = this.environment.get("OPENSEARCH_URL");
		}
		properties.put("export.opensearch.url", this.openSearchUrl);
		boolean localAws = false;
		if (isUnset("AWS_ENDPOINT_URL_DYNAMODB")) {
			this.dynamoDb = LocalDynamoDb.start(this.persistent ? this.home.resolve("dynamodb") : null);
			properties.put("spring.cloud.aws.dynamodb.endpoint", this.dynamoDb.endpoint());
			localAws = true;
		}
		if (isUnset("AWS_ENDPOINT_URL_S3")) {
			// make run keeps one port, so the links in earlier mails still work after a restart
			this.s3 = LocalS3.start(this.home.resolve("s3"), BUCKET, port(9444));
			properties.put("spring.cloud.aws.s3.endpoint", this.s3.endpoint());
			properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
			properties.put("export.s3.bucket", BUCKET);
			// S3Proxy answers 501 to server-side-encryption headers; the real-S3 default is AES256
			properties.put("export.s3.sse", "none");
			localAws = true;
		}
		if (isUnset("AWS_ENDPOINT_URL_SQS")) {
			this.sqs = LocalSqs.start(port(9324));
			properties.put("spring.cloud.aws.sqs.endpoint", this.sqs.endpoint());
			localAws = true;
		}
		if (localAws) {
			properties.put("spring.cloud.aws.region.static", "us-east-1");
			properties.put("spring.cloud.aws.credentials.access-key", "local");
			properties.put("spring.cloud.aws.credentials.secret-key", "local");
		}
		if (isUnset("SMTP_HOST")) {
			this.mail = LocalMail.start(port(3025), port(3143), DEMO_MAILBOXES);
			properties.put("spring.mail.host", "127.0.0.1");
			properties.put("spring.mail.port", String.valueOf(this.mail.smtpPort()));
		}
		// tokens of `make token` (local) or of the tests, from a key under the stack's folder
		this.identityProvider = LocalIdentityProvider.in(this.home).serve();
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this.identityProvider.jwkSetUri());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", LocalIdentityProvider.ISSUER);
		properties.put("export.security.jwt.audiences", LocalIdentityProvider.AUDIENCE);
		return properties;
	}

	/** make run keeps its ports between runs (the preferred one when free); tests take any free one. */
	private int port(int preferred) {
		return this.persistent ? Ports.freeOr(preferred) : Ports.free();
	}

	private boolean isUnset(String variable) {
		String value = this.environment.get(variable);
		return value == null || value.isBlank();
	}

	public String openSearchUrl() {
		return this.openSearchUrl;
	}

	/** True when this stack started the OpenSearch node itself (and may seed it). */
	public boolean embeddedOpenSearch() {
		return this.openSearch != null;
	}

	/** The local DynamoDB endpoint, or null when a real one is used. */
	public String dynamoDbEndpoint() {
		return (this.dynamoDb != null) ? this.dynamoDb.endpoint() : null;
	}

	/** The local S3 endpoint, or null when a real one is used. */
	public String s3Endpoint() {
		return (this.s3 != null) ? this.s3.endpoint() : null;
	}

	/** The local SQS endpoint, or null when a real one is used. */
	public String sqsEndpoint() {
		return (this.sqs != null) ? this.sqs.endpoint() : null;
	}

	/** The in-process mail server, or null when a real SMTP server is used. */
	public GreenMail mail() {
		return (this.mail != null) ? this.mail.greenMail() : null;
	}

	public int smtpPort() {
		return this.mail.smtpPort();
	}

	public int imapPort() {
		return this.mail.imapPort();
	}

	/** The local identity provider whose tokens the service trusts. */
	public LocalIdentityProvider identityProvider() {
		return this.identityProvider;
	}

	/** Stops the embedded OpenSearch node (fault-injection in tests). */
	public void stopOpenSearch() {
		stop(this.openSearch, "OpenSearch node");
		this.openSearch = null;
	}

	@Override
	public void close() {
		stop(this.identityProvider, "identity provider");
		stop(this.mail, "GreenMail");
		stop(this.sqs, "ElasticMQ");
		stop(this.s3, "S3Proxy");
		stop(this.dynamoDb, "DynamoDB Local");
		stop(this.openSearch, "OpenSearch node");
		this.identityProvider = null;
		this.mail = null;
		this.sqs = null;
		this.s3 = null;
		this.dynamoDb = null;
		this.openSearch = null;
	}

	private static void stop(AutoCloseable server, String name) {
		if (server == null) {
			return;
		}
		try {
			server.close();
		}
		catch (Exception ex) {
			log.warn("{} did not stop cleanly", name, ex);
		}
	}

}
