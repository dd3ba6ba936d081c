package org.earthchem.export.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.earthchem.export.devstack.DemoIndices;
import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.devstack.PetDbSamples;
import org.earthchem.export.devstack.SynthesisSamples;
import org.springframework.util.FileSystemUtils;

/**
 * The one local stack every integration test shares, started once per JVM: an OpenSearch node (reached through a
 * {@link FaultProxy}) with small PetDB, Synthesis and hand-made indices, one of documents large enough that each file
 * is uploaded in several parts, DynamoDB Local, S3Proxy (also behind a
 * fault proxy) and GreenMail.
 */
public final class TestStack {

	/** Documents in the test PetDB index: several pages and, at the test part size, several files. */
	public static final int PETDB_DOCUMENTS = 1500;

	public static final int SYNTHESIS_DOCUMENTS = 300;

	/**
	 * The settings application.yml takes from the environment that the local stack does not set itself, at the test
	 * stack's values: test properties, command-line arguments and system properties outrank the environment, so a
	 * developer's shell (OPENSEARCH_PASSWORD, SMTP_USERNAME, EXPORT_JOB_REPOSITORY_URL, an OTLP endpoint…) cannot log
	 * a test's service in anywhere or send its traces out.
	 */
	private static final Map<String, String> PINNED = Map.of("export.opensearch.username", "",
			"export.opensearch.password", "", "export.s3.kms-key-id", "", "spring.mail.username", "",
			"spring.mail.password", "", "spring.mail.properties[mail.smtp.starttls.enable]", "true",
			"spring.datasource.url", "jdbc:h2:mem:jobs;DB_CLOSE_DELAY=-1", "spring.datasource.username", "sa",
			"spring.datasource.password", "", "management.tracing.export.otlp.enabled", "false");

	private static TestStack instance;

	private final LocalStack stack;

	private final FaultProxy proxy;

	private final FaultProxy s3Proxy;

	private final FaultProxy sqsProxy;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final String directOpenSearchUrl;

	private final Path home;

	private TestStack() throws IOException {
		Path home = Path.of("target", "test-stack").toAbsolutePath();
		this.home = home;
		FileSystemUtils.deleteRecursively(home);
		// every server here, whatever OPENSEARCH_URL, AWS_ENDPOINT_URL_* or SMTP_HOST say (they are for make run)
		this.stack = new LocalStack(home, false, Map.of());
		this.properties.putAll(this.stack.start());
		this.properties.putAll(PINNED);
		this.directOpenSearchUrl = this.stack.openSearchUrl();
		DemoIndices.seed(this.directOpenSearchUrl, "petdb-samples", PetDbSamples.GENERATOR, PETDB_DOCUMENTS);
		DemoIndices.seed(this.directOpenSearchUrl, "synthesis-samples", SynthesisSamples.GENERATOR, SYNTHESIS_DOCUMENTS);
		NastyIndex.seed(this.directOpenSearchUrl);
		BulkyIndex.seed(this.directOpenSearchUrl);
		NestedIndex.seed(this.directOpenSearchUrl);
		TypedIndex.seed(this.directOpenSearchUrl);
		NoisyIndex.seed(this.directOpenSearchUrl);
		URI direct = URI.create(this.directOpenSearchUrl);
		this.proxy = new FaultProxy(direct.getHost(), direct.getPort());
		this.properties.put("export.opensearch.url", "http://127.0.0.1:" + this.proxy.port());
		URI s3 = URI.create(this.stack.s3Endpoint());
		this.s3Proxy = new FaultProxy(s3.getHost(), s3.getPort());
		this.properties.put("spring.cloud.aws.s3.endpoint", "http://127.0.0.1:" + this.s3Proxy.port());
		URI sqs = URI.create(this.stack.sqsEndpoint());
		this.sqsProxy = new FaultProxy(sqs.getHost(), sqs.getPort());
		this.properties.put("spring.cloud.aws.sqs.endpoint", "http://127.0.0.1:" + this.sqsProxy.port());
		this.properties.put("export.sources-dir", sourcesDir(home).toString());
	}

	public static synchronized TestStack get() {
		if (instance == null) {
			try {
				instance = new TestStack();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(instance.stack::close, "test-stack-stop"));
		}
		return instance;
	}

	public Map<String, String> properties() {
		return this.properties;
	}

	/** The search cluster without the proxy, for tests that read the index themselves. */
	public String openSearchUrl() {
		return this.directOpenSearchUrl;
	}

	public FaultProxy proxy() {
		return this.proxy;
	}

	/** The proxy in front of S3 (the service reaches the bucket through it). */
	public FaultProxy s3Proxy() {
		return this.s3Proxy;
	}

	/** The proxy in front of SQS (ElasticMQ). */
	public FaultProxy sqsProxy() {
		return this.sqsProxy;
	}

	/** S3 without the proxy, for tests that look into the bucket themselves. */
	public String s3Endpoint() {
		return this.stack.s3Endpoint();
	}

	/** The identity provider whose tokens the test services trust. */
	public org.earthchem.export.devstack.LocalIdentityProvider tokens() {
		return this.stack.identityProvider();
	}

	/** The stack's folder (its signing key, data). */
	public Path home() {
		return this.home;
	}

	/** The in-process mail server every service of the tests sends to. */
	public com.icegreen.greenmail.util.GreenMail mail() {
		return this.stack.mail();
	}

	/** The project's source files plus the test-only ones. */
	private static Path sourcesDir(Path home) throws IOException {
		Path dir = home.resolve("sources");
		Files.createDirectories(dir);
		for (Path folder : new Path[] { Path.of("batch-config", "sources"), Path.of("src", "test", "resources", "test-sources") }) {
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).toList()) {
					Files.copy(file, dir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return dir;
	}

}
