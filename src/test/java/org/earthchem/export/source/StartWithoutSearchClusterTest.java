package org.earthchem.export.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.earthchem.export.support.FaultProxy;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.support.TestStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node started while the search cluster cannot be reached (issue 27): it stays up, not ready, answers a new export
 * {@code 503} and takes nothing from the queue, checks its sources again with back-off, and once the cluster answers
 * becomes ready and runs exports. A node in a JVM of its own, reaching the test stack's OpenSearch through a fault
 * proxy of the test's own (the tests' shared service keeps its cluster).
 */
class StartWithoutSearchClusterTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The nodes' logs, kept for a look after a failure. */
	private static final Path LOGS = Path.of("target", "start-without-search-cluster");

	private static final Pattern FAILED_CHECK = Pattern.compile("Waiting for the search cluster .*check (\\d+) failed");

	@TempDir
	Path home;

	private FaultProxy cluster;

	@BeforeEach
	void cutCluster() throws IOException {
		Files.createDirectories(LOGS);
		URI direct = URI.create(TestStack.get().openSearchUrl());
		this.cluster = new FaultProxy(direct.getHost(), direct.getPort());
		this.cluster.cut();
	}

	@AfterEach
	void closeProxy() throws IOException {
		this.cluster.close();
	}

	@Test
	void aNodeStartedWithoutTheSearchClusterWaitsNotReadyAndTakesExportsOnceTheClusterAnswers() throws Exception {
		try (ServiceJvm node = new ServiceJvm(settings("start-without-cluster"), LOGS.resolve("node.log"))
			.awaitLive()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> failedChecks(node.logLines()).size() >= 2);
			assertThat(node.isAlive()).isTrue();
			assertThat(node.send("GET", "/actuator/health/readiness").statusCode()).isEqualTo(503);
			HttpResponse<String> refused = node.send("POST", "/api/v1/sources/petdb/exports?" + QUERY);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(seconds).matches("[1-9][0-9]*"));
			assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("SOURCE_UNAVAILABLE");
			assertThat(node.logLines()).as("the queue listener waits").noneMatch(ListenerStarted::in);

			this.cluster.restore();

			await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
				.until(() -> node.send("GET", "/actuator/health/readiness").statusCode() == 200);
			HttpResponse<String> accepted = node.send("POST", "/api/v1/sources/petdb/exports?" + QUERY);
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
			String taskId = JSON.readTree(accepted.body()).path("taskId").asString();
			JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
				.until(() -> JSON.readTree(node.send("GET", "/api/v1/exports/" + taskId).body()),
						(task) -> !task.path("status").asString().matches("Pending|Processing"));
			assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("Succeeded");

			List<String> lines = node.logLines();
			List<Integer> checks = failedChecks(lines);
			assertThat(checks).as("one warning a failed check, not a flood").doesNotHaveDuplicates();
			assertThat(lines).noneMatch((line) -> line.contains("Health check failed"));
			assertThat(lineOf(lines, "Sources checked against the search cluster"))
				.as("the queue listener started once the sources were checked")
				.isLessThan(lineOf(lines, ListenerStarted.TEXT));
		}
	}

	@Test
	void aNodeWhoseSourceIndexDoesNotExistStopsOnceTheClusterAnswersNamingTheFile() throws Exception {
		Path sources = Files.createDirectories(this.home.resolve("sources"));
		String petdb = Files.readString(Path.of("batch-config", "sources", "petdb.yml"));
		Path file = Files.writeString(sources.resolve("petdb.yml"),
				petdb.replace("index: petdb-samples ", "index: no-such-index "));
		Map<String, String> properties = settings("start-without-cluster-wrong");
		properties.put("export.sources-dir", sources.toString());
		try (ServiceJvm node = new ServiceJvm(properties, LOGS.resolve("wrong-source.log")).awaitLive()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> !failedChecks(node.logLines()).isEmpty());

			this.cluster.restore();

			assertThat(node.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(1);
			assertThat(node.logLines()).anyMatch((line) -> line.contains(file.toString()) && line.contains("no-such-index"));
		}
	}

	/** A query no other test asks for: the same one would be answered with another test's active export. */
	private static final String QUERY = "material=rock&columns=sample_id,material,rock.type";

	/** The test stack's settings, a queue of the node's own, the search cluster behind the cut proxy, quick checks. */
	private Map<String, String> settings(String queue) {
		Map<String, String> properties = ServiceJvm.settings(queue);
		properties.put("export.opensearch.url", "http://127.0.0.1:" + this.cluster.port());
		properties.put("export.source-check.first-retry-delay", "250ms");
		properties.put("export.source-check.max-retry-delay", "2s");
		return properties;
	}

	/** The check numbers of the warnings of failed checks, in the log's order. */
	private static List<Integer> failedChecks(List<String> lines) {
		return lines.stream()
			.map(FAILED_CHECK::matcher)
			.filter(Matcher::find)
			.map((match) -> Integer.valueOf(match.group(1)))
			.toList();
	}

	private static int lineOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		throw new AssertionError("no line contains " + text);
	}

	/** The line Spring Cloud AWS logs when the listener container of the task queue starts. */
	private static final class ListenerStarted {

		static final String TEXT = "Container export-tasks started";

		static boolean in(String line) {
			return line.contains(TEXT);
		}

	}

}
