package org.earthchem.export.job;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalPostgres;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.support.TestStack;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service nodes sharing one job repository on PostgreSQL: they start together against an empty database, each
 * sees the other's executions, and an operator restarts on one node what failed on the other.
 */
class SharedJobRepositoryTest extends IntegrationTest {

	private static final Path HOME = Path.of("target", "shared-job-repository").toAbsolutePath();

	private static LocalPostgres postgres;

	private static ServiceJvm nodeA;

	private static ServiceJvm nodeB;

	@BeforeAll
	static void startTwoNodesAtOnce() throws IOException {
		Files.createDirectories(HOME);
		postgres = new LocalPostgres(HOME, false).start();
		// a queue of the two nodes' own (the test's own service listens on the shared one)
		Map<String, String> properties = ServiceJvm.settings("shared-repository");
		properties.putAll(postgres.jobRepository());
		// the first failure stands, so that only an operator brings an export back
		properties.put("export.max-attempts", "1");
		// and an outage of the search cluster is waited for only briefly before the export fails
		properties.put("export.outage-limit", "3s");
		// both JVMs are launched before either is waited for: they reach the empty database together
		ServiceJvm a = new ServiceJvm(node(properties, "node-a"), HOME.resolve("node-a.log"));
		ServiceJvm b = new ServiceJvm(node(properties, "node-b"), HOME.resolve("node-b.log"));
		nodeA = a;
		nodeB = b;
		a.awaitReady();
		b.awaitReady();
	}

	@AfterAll
	static void stopNodes() throws InterruptedException {
		for (ServiceJvm node : new ServiceJvm[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@AfterEach
	void restoreCluster() {
		stack().proxy().restore();
	}

	@Test
	void twoNodesStartedTogetherOnAnEmptyDatabaseAreBothHealthyAndOnlyOneCreatedTheTables() throws Exception {
		assertThat(nodeA.send("GET", "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(nodeB.send("GET", "/actuator/health").statusCode()).isEqualTo(200);
		long creators = Stream.of("node-a.log", "node-b.log")
			.filter((log) -> read(HOME.resolve(log)).contains("Created the job repository tables"))
			.count();
		assertThat(creators).isEqualTo(1);
		assertThat(batchTables(postgres.jdbcUrl())).contains("batch_job_instance", "batch_job_execution",
				"batch_step_execution");
	}

	@Test
	void nodesStartingAtTheSameInstantAgainstAnEmptyDatabaseRunTheSchemaScriptOnce() throws Exception {
		postgres.createDatabase("schema_race");
		BatchJdbcProperties properties = new BatchJdbcProperties();
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		int nodes = 4;
		CyclicBarrier together = new CyclicBarrier(nodes);
		ExecutorService threads = Executors.newFixedThreadPool(nodes);
		List<Future<Boolean>> created = new ArrayList<>();
		try {
			for (int i = 0; i < nodes; i++) {
				DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl("schema_race"),
						postgres.username(), postgres.password());
				created.add(threads.submit(() -> {
					together.await();
					return new JobRepositorySchema(dataSource, properties).initializeDatabase();
				}));
			}
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> result : created) {
				results.add(result.get());
			}
			assertThat(results).as("which node ran the script").containsOnlyOnce(true).hasSize(nodes);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(batchTables(postgres.jdbcUrl("schema_race"))).contains("batch_job_instance");
	}

	@Test
	void anExportRunByOneNodeIsListedWithItsStepsByTheOther() throws Exception {
		String taskId = this.json.readTree(nodeB.send("POST", "/api/v1/exports/synthesis").body())
			.path("taskId")
			.asString();
		JsonNode task = awaitTask(nodeB, taskId, "Succeeded|Failed|Cancelled");
		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		// whichever node took it from the queue
		ServiceJvm other = task.path("node").asString().equals("node-b") ? nodeA : nodeB;

		JsonNode execution = executionOf(other, taskId, "COMPLETED");
		assertThat(execution).as("the other node lists the execution").isNotNull();
		JsonNode detail = this.json.readTree(get(other, "/api/v1/admin/executions/" + execution.path("id").asLong()));
		assertThat(detail.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(detail.path("steps").findValuesAsString("name")).containsExactlyInAnyOrder("prepare", "extract");
		assertThat(detail.path("steps").findValuesAsString("status")).containsOnly("COMPLETED");
		JsonNode extract = detail.path("steps").valueStream()
			.filter((step) -> step.path("name").asString().equals("extract"))
			.findFirst()
			.orElseThrow();
		assertThat(extract.path("writeCount").asLong()).isEqualTo(TestStack.SYNTHESIS_DOCUMENTS);
	}

	@Test
	void anExportThatFailedOnOneNodeIsRestartedByAnOperatorOnTheOtherAndSucceeds() throws Exception {
		// about 300 KB/s: the export is caught midway
		stack().proxy().throttle(300_000);
		String taskId = this.json.readTree(nodeB.send("POST", "/api/v1/exports/petdb").body())
			.path("taskId")
			.asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> this.json.readTree(get(nodeB, "/api/v1/exports/" + taskId)).path("progress")
				.path("rowsWritten").asLong() > 0);
		stack().proxy().cut();
		JsonNode failed = awaitTask(nodeB, taskId, "Succeeded|Failed|Cancelled");
		assertThat(failed.path("status").asString()).isEqualTo("Failed");
		assertThat(failed.path("attempts").asInt()).isEqualTo(1);
		// whichever node took it from the queue ran it; the operator works on the other
		String runner = failed.path("node").asString();
		ServiceJvm operatorNode = runner.equals("node-b") ? nodeA : nodeB;
		ServiceJvm runnerNode = runner.equals("node-b") ? nodeB : nodeA;
		JsonNode failedExecution = executionOf(operatorNode, taskId, "FAILED");
		assertThat(failedExecution).as("the operator's node lists the other's failed execution").isNotNull();
		stack().proxy().restore();

		HttpResponse<String> restart = operatorNode.send("POST",
				"/api/v1/admin/executions/" + failedExecution.path("id").asLong() + "/restart");

		assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
		long restartedId = this.json.readTree(restart.body()).path("id").asLong();
		assertThat(restartedId).isGreaterThan(failedExecution.path("id").asLong());
		JsonNode finished = awaitTask(operatorNode, taskId, "Succeeded|Failed|Cancelled");
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		// every PetDB row, in files of at most 700
		assertThat(finished.path("files")).extracting((file) -> file.path("rows").asLong())
			.containsExactly(700L, 700L, 100L);
		for (ServiceJvm node : new ServiceJvm[] { runnerNode, operatorNode }) {
			JsonNode restarted = this.json.readTree(get(node, "/api/v1/admin/executions/" + restartedId));
			assertThat(restarted.path("status").asString()).as("both nodes see the restart").isEqualTo("COMPLETED");
		}
		assertThat(this.json.readTree(get(operatorNode, "/api/v1/exports/" + taskId + "/events")).findValuesAsString("detail"))
			.containsOnlyOnce("restart of execution " + failedExecution.path("id").asLong() + " by operator demo-operator");
	}

	private static Map<String, String> node(Map<String, String> properties, String nodeId) {
		Map<String, String> node = new LinkedHashMap<>(properties);
		node.put("export.node-id", nodeId);
		return node;
	}

	private JsonNode awaitTask(ServiceJvm node, String taskId, String statuses) {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.json.readTree(get(node, "/api/v1/exports/" + taskId)),
					(task) -> task.path("status").asString().matches(statuses));
	}

	/** The newest execution of a task with this status, as a node's explorer lists it (null when none). */
	private JsonNode executionOf(ServiceJvm node, String taskId, String status) throws Exception {
		for (JsonNode execution : this.json.readTree(get(node, "/api/v1/admin/executions?status=" + status))) {
			if (taskId.equals(execution.path("taskId").asString())) {
				return execution;
			}
		}
		return null;
	}

	private static String get(ServiceJvm node, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = node.send("GET", path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	private static List<String> batchTables(String jdbcUrl) throws Exception {
		List<String> tables = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'batch_%'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}

	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
