package org.earthchem.export.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code make cluster}: the local stack once in this JVM (OpenSearch unless {@code OPENSEARCH_URL} is set, DynamoDB
 * Local, S3Proxy, ElasticMQ, GreenMail, and PostgreSQL for the shared job repository), then {@code NODES} service JVMs
 * (default 2) on {@code SERVER_PORT}, {@code SERVER_PORT+1}, … that share it, each with its pid and log in
 * {@code .local/cluster/}. Ctrl-C stops everything.
 */
public final class LocalCluster {

	private LocalCluster() {
	}

	public static void main(String[] args) {
		try {
			LocalLauncher launcher = new LocalLauncher(true);
			Path folder = launcher.home().resolve("cluster");
			Files.createDirectories(folder);
			int nodes = Integer.parseInt(LocalLauncher.environment("NODES", "2"));
			int firstPort = Integer.parseInt(LocalLauncher.environment("SERVER_PORT", "8080"));
			Map<String, String> shared = launcher.startStack();
			List<String> urls = new ArrayList<>();
			for (int i = 1; i <= nodes; i++) {
				String name = "node-" + i;
				int port = firstPort + i - 1;
				NodeJvm.Launch launch = launcher.node(shared, port)
					.property("export.node-id", name)
					.log(folder.resolve(name + ".log"));
				if (i == 1 && launcher.resendsAtStart()) {
					launch.property("export.queue.resend-at-start", "true");
				}
				NodeJvm node = launcher.start(launch);
				Files.writeString(folder.resolve(name + ".pid"), node.pid() + "\n");
				urls.add("http://localhost:" + port);
			}
			if (launcher.awaitHealthy()) {
				printWelcome(urls, launcher.stack());
			}
			else {
				System.out.println("Not every node is healthy after five minutes; see the logs in " + folder);
			}
			launcher.exitWithNodes();
		}
		catch (Exception ex) {
			// the embedded servers' threads would keep this JVM alive
			ex.printStackTrace();
			System.exit(1);
		}
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
				 Export cluster is up: %d nodes sharing one stack (this JVM, pid %d)
				%s   OpenSearch: %s
				   Queue: ElasticMQ (SQS, shared), job repository: PostgreSQL (shared), tasks: DynamoDB Local,
				   files: S3Proxy (.local/s3)
				   Demo API keys: petdb-demo-key, all-demo-key, operator-demo-key (operator)
				   Try (create on one node, follow on another):
				     curl -si -X POST -H 'X-API-Key: petdb-demo-key' \\
				       '%s/api/v1/sources/petdb/exports?material=rock&sio2.min=45&fileType=csv'
				     curl -s -H 'X-API-Key: petdb-demo-key' %s/api/v1/exports/<taskId>
				     curl -s -H 'X-API-Key: operator-demo-key' %s/api/v1/admin/queue
				   Ctrl-C stops every node, then the stack.
				================================================================================
				""".formatted(urls.size(), ProcessHandle.current().pid(), nodes, stack.openSearchUrl(), first, last, last));
	}

}
