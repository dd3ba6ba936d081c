package org.earthchem.export.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import tools.jackson.databind.json.JsonMapper;

import org.earthchem.export.support.FaultProxy;
import org.earthchem.export.support.TestStack;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The check of the sources against the search cluster when a node starts: a cluster that cannot be reached or answers
 * 5xx is waited for, a cluster that answers that a source is wrong (a 404 for its index) stops the node. Against the
 * test stack's OpenSearch, through a fault proxy of the test's own.
 */
class SourceCheckTest {

	private static final SourceCheckProperties QUICK = new SourceCheckProperties(Duration.ofMillis(50),
			Duration.ofMillis(200));

	@TempDir
	Path sources;

	private FaultProxy proxy;

	private OpenSearchTransport transport;

	private SourceCheck check;

	private final CopyOnWriteArrayList<RuntimeException> stops = new CopyOnWriteArrayList<>();

	@BeforeEach
	void proxy() throws IOException {
		URI cluster = URI.create(TestStack.get().openSearchUrl());
		this.proxy = new FaultProxy(cluster.getHost(), cluster.getPort());
	}

	@AfterEach
	void close() throws Exception {
		if (this.check != null) {
			this.check.destroy();
		}
		if (this.transport != null) {
			this.transport.close();
		}
		this.proxy.close();
	}

	@Test
	void aClusterOutOfReachAtStartLeavesTheSourcesUncheckedWithoutFailingTheStart() throws IOException {
		SourceCatalog catalog = catalog(petdb("petdb-samples"));
		this.proxy.cut();

		startCheck(catalog, "http://127.0.0.1:" + this.proxy.port());

		assertThat(catalog.isChecked()).isFalse();
		assertThatExceptionOfType(SourcesNotCheckedException.class).isThrownBy(catalog::all);
		assertThatExceptionOfType(SearchUnavailableException.class).isThrownBy(() -> catalog.find("petdb"));
		assertThat(new SourcesHealth(catalog, this.check).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(this.stops).isEmpty();
	}

	@Test
	void theSourcesAreCheckedOnceTheClusterCanBeReachedAgain() throws IOException {
		SourceCatalog catalog = catalog(petdb("petdb-samples"));
		AtomicInteger actions = new AtomicInteger();
		this.proxy.cut();
		startCheck(catalog, "http://127.0.0.1:" + this.proxy.port());
		catalog.whenChecked("a count", actions::incrementAndGet);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.check.failedChecks() >= 3);
		assertThat(actions).hasValue(0);

		this.proxy.restore();

		await().atMost(Duration.ofSeconds(10)).until(catalog::isChecked);
		assertThat(catalog.find("petdb")).isPresent();
		assertThat(actions).as("the action waiting for the check ran once").hasValue(1);
		assertThat(new SourcesHealth(catalog, this.check).health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.stops).isEmpty();
	}

	@Test
	void anActionAskedForOnceTheSourcesAreCheckedRunsAtOnce() throws IOException {
		SourceCatalog catalog = catalog(petdb("petdb-samples"));
		startCheck(catalog, TestStack.get().openSearchUrl());
		AtomicInteger actions = new AtomicInteger();

		catalog.whenChecked("a count", actions::incrementAndGet);

		assertThat(actions).hasValue(1);
	}

	@Test
	void aClusterAnswering503IsWaitedForNotTakenAsAWrongSource() throws IOException {
		SourceCatalog catalog = catalog(petdb("petdb-samples"));
		HttpServer unavailable = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		unavailable.createContext("/", (exchange) -> {
			byte[] body = "{\"error\":\"cluster_block_exception\",\"status\":503}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(503, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		unavailable.start();
		try {
			startCheck(catalog, "http://127.0.0.1:" + unavailable.getAddress().getPort());

			assertThat(catalog.isChecked()).isFalse();
			assertThat(this.check.lastProblem()).contains("503");
		}
		finally {
			unavailable.stop(0);
		}
	}

	@Test
	void aSourceWhoseIndexTheClusterDoesNotHaveStopsTheStartNamingItsFile() throws IOException {
		Path file = petdb("no-such-index");
		SourceCatalog catalog = catalog(file);

		assertThatExceptionOfType(SourceDefinitionException.class)
			.isThrownBy(() -> startCheck(catalog, TestStack.get().openSearchUrl()))
			.withMessageContaining(file.toString())
			.withMessageContaining("no-such-index");
		assertThat(catalog.isChecked()).isFalse();
	}

	@Test
	void aSourceFoundWrongOnceTheClusterAnswersStopsTheNode() throws IOException {
		Path file = petdb("no-such-index");
		SourceCatalog catalog = catalog(file);
		this.proxy.cut();
		startCheck(catalog, "http://127.0.0.1:" + this.proxy.port());

		this.proxy.restore();

		await().atMost(Duration.ofSeconds(10)).until(() -> !this.stops.isEmpty());
		assertThat(this.stops).singleElement()
			.isInstanceOf(SourceDefinitionException.class)
			.satisfies((stop) -> assertThat(stop.getMessage()).contains(file.toString()).contains("no-such-index"));
		assertThat(catalog.isChecked()).isFalse();
	}

	/** petdb.yml of the project, reading the given index. */
	private Path petdb(String index) throws IOException {
		String petdb = Files.readString(Path.of("batch-config", "sources", "petdb.yml"));
		String changed = petdb.replace("index: petdb-samples ", "index: " + index + " ");
		assertThat(changed).contains("index: " + index);
		return Files.writeString(this.sources.resolve("petdb.yml"), changed);
	}

	private SourceCatalog catalog(Path file) {
		return new SourceCatalog(new SourceProperties(file.getParent()));
	}

	private void startCheck(SourceCatalog catalog, String clusterUrl) {
		OpenSearchProperties properties = new OpenSearchProperties(URI.create(clusterUrl), null, null,
				Duration.ofSeconds(2), Duration.ofSeconds(10));
		this.transport = OpenSearchTransports.create(properties);
		SearchCluster cluster = new SearchCluster(new OpenSearchClient(this.transport), JsonMapper.builder().build(),
				new PageReads(properties));
		this.check = new SourceCheck(catalog, cluster, QUICK, this.stops::add);
		this.check.checkAtStart();
	}

}
