package org.earthchem.export;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.earthchem.export.localstack.DemoIndices;
import org.earthchem.export.localstack.LocalPostgres;
import org.earthchem.export.localstack.LocalStack;

import static org.awaitility.Awaitility.await;

/**
 * {@code make cluster}: the local stack once in this JVM (OpenSearch unless {@code OPENSEARCH_URL} is set, DynamoDB
 * Local, S3Proxy, ElasticMQ, GreenMail, and PostgreSQL for the shared job repository), then {@code NODES} service JVMs
 * (default 2) on {@code SERVER_PORT}, {@code SERVER_PORT+1}, … that share it, each with its pid and log in
 * {@code .local/cluster/}. Ctrl-C stops everything.
 */
public final class LocalCluster {

	private LocalCluster() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(".local").toAbsolutePath();
		Path folder = home.resolve("cluster");
		Files.createDirectories(folder);
		int nodes = Integer.parseInt(environment("NODES", "2"));
		int firstPort = Integer.parseInt(environment("SERVER_PORT", "8080"));

		LocalStack stack = new LocalStack(home, true);
		LocalPostgres postgres = new LocalPostgres(home, true);
		List<Process> processes = new ArrayList<>();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(processes, stack, postgres), "cluster-stop"));

		Map<String, String> shared = new LinkedHashMap<>(stack.start());
		if (stack.embeddedOpenSearch()) {
			DemoIndices.seedDemo(stack.openSearchUrl());
		}
		postgres.start();
		shared.putAll(postgres.jobRepository());
		shared.put("spring.profiles.active", "local");

		List<String> urls = new ArrayList<>();
		for (int i = 1; i <= nodes; i++) {
			int port = firstPort + i - 1;
			processes.add(startNode(i, port, shared, folder));
			urls.add("http://localhost:" + port);
		}
		for (String url : urls) {
			awaitHealthy(url);
		}
		printWelcome(urls, stack);
		for (Process process : processes) {
			process.waitFor();
		}
	}

	private static Process startNode(int number, int port, Map<String, String> shared, Path folder) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String flags = System.getProperty("cluster.service.jvm.args", "").trim();
		if (!flags.isEmpty()) {
			command.addAll(Arrays.asList(flags.split("\\s+")));
		}
		shared.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-Dserver.port=" + port);
		command.add("-Dexport.node-id=node-" + number);
		if (number == 1) {
			// the queue lives in this JVM and begins empty: the first node queues again what the last cluster had
			// queued or running (only one node, so that no node takes over an export another has just started)
			command.add("-Dexport.queue.resend-at-start=true");
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ExportServiceApplication.class.getName());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(folder.resolve("node-" + number + ".log").toFile())
			.start();
		Files.writeString(folder.resolve("node-" + number + ".pid"), process.pid() + "\n");
		return process;
	}

	private static void awaitHealthy(String url) {
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
			.until(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
	}

	private static void stop(List<Process> processes, LocalStack stack, LocalPostgres postgres) {
		for (Process process : processes) {
			process.destroy();
		}
		for (Process process : processes) {
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		stack.close();
		postgres.close();
	}

	private static String environment(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	private static void printWelcome(List<String> urls, LocalStack stack) {
		StringBuilder nodes = new StringBuilder();
		for (int i = 0; i < urls.size(); i++) {
			nodes.append(String.format("     node-%d  %s   (log .local/cluster/node-%d.log)%n", i + 1, urls.get(i), i + 1));
		}
		String first = urls.get(0);
		String last = urls.get(urls.size() - 1);
		// the welcome is for the person at the terminal, not for the log
		System.out.println("""

				================================================================================
				 Export cluster is up: %d nodes sharing one stack
				%s   OpenSearch: %s
				   Queue: ElasticMQ (SQS, shared), job repository: PostgreSQL (shared), tasks: DynamoDB Local,
				   files: S3Proxy (.local/s3)
				   Demo API keys: petdb-demo-key, all-demo-key, operator-demo-key (operator)
				   Try (create on one node, follow on another):
				     curl -si -X POST -H 'X-API-Key: petdb-demo-key' \\
				       '%s/api/v1/sources/petdb/exports?material=rock&sio2.min=45&fileType=csv'
				     curl -s -H 'X-API-Key: petdb-demo-key' %s/api/v1/exports/<taskId>
				     curl -s -H 'X-API-Key: operator-demo-key' %s/api/v1/admin/queue
				   Ctrl-C stops every node and the stack.
				================================================================================
				""".formatted(urls.size(), nodes, stack.openSearchUrl(), first, last, last));
	}

}
