package org.earthchem.export.devstack;

import java.util.Map;

/**
 * {@code make run}: the whole local stack in this JVM — an OpenSearch node seeded with the demo indices, DynamoDB
 * Local, S3Proxy, ElasticMQ, GreenMail — and the service in a JVM of its own, as production runs it, its output in
 * this terminal; the data under {@code .local/}, reused by the next run (ElasticMQ keeps its messages in memory: what
 * was queued or running is queued again at start). A part whose environment variable points at a real server
 * ({@code OPENSEARCH_URL}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_SQS},
 * {@code SMTP_HOST}) is not started. One node needs no shared job repository: it keeps the local profile's H2 file.
 */
public final class LocalExportServiceApplication {

	private LocalExportServiceApplication() {
	}

	public static void main(String[] args) {
		try {
			LocalLauncher launcher = new LocalLauncher(false);
			Map<String, String> properties = launcher.startStack();
			if (launcher.resendsAtStart()) {
				properties.put("export.queue.resend-at-start", "true");
			}
			int port = Integer.parseInt(LocalLauncher.environment("SERVER_PORT", "8080"));
			NodeJvm service = launcher.start(launcher.node(properties, port).terminal());
			if (launcher.awaitHealthy()) {
				printWelcome(service, properties, launcher.stack());
			}
			else {
				System.out.println("The service is not healthy after five minutes; its output above says why.");
			}
			launcher.exitWithNodes();
		}
		catch (Exception ex) {
			// the embedded servers' threads would keep this JVM alive
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private static void printWelcome(NodeJvm service, Map<String, String> properties, LocalStack stack) {
		String mail = (stack.mail() == null) ? "   Mail: " + LocalLauncher.environment("SMTP_HOST", "") + "\n"
				: String.format("   Mail (GreenMail): SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d%n"
						+ "     mailboxes (login = password = address): %s%n"
						+ "     python3 -c \"import imaplib; m=imaplib.IMAP4('127.0.0.1',%d); "
						+ "m.login('petdb-user@example.org','petdb-user@example.org'); m.select(); "
						+ "print(m.search(None,'ALL'))\"%n",
						stack.smtpPort(), stack.imapPort(), String.join(", ", LocalStack.DEMO_MAILBOXES), stack.imapPort());
		String bucket = properties.getOrDefault("export.s3.bucket",
				LocalLauncher.environment("EXPORT_BUCKET", "earthchem-exports"));
		String s3 = "   S3: " + (stack.s3Endpoint() == null ? "AWS" : stack.s3Endpoint() + " (S3Proxy, files in .local/s3)")
				+ ", bucket " + bucket + "\n"
				+ "   SQS: " + (stack.sqsEndpoint() == null ? "AWS" : stack.sqsEndpoint() + " (ElasticMQ)") + ", queue "
				+ LocalLauncher.environment("EXPORT_QUEUE_NAME", "export-tasks.fifo") + "\n";
		String url = "http://localhost:" + service.port();
		String text = """

				================================================================================
				 Export service is up: %1$s
				   Console: %1$s/console/  (sign in with a demo key below)
				   Service JVM: pid %5$d (its output above); this JVM (pid %6$d): the local stack
				   OpenSearch: %2$s
				%3$s%4$s   Demo API keys (local profile only):
				     petdb-demo-key     owner demo-petdb      petdb
				     all-demo-key       owner demo-all        petdb, synthesis
				     operator-demo-key  owner demo-operator   petdb, synthesis, operator
				   JWT (local only): make token SUB=user-42 EMAIL=user@example.org SCOPES="export:petdb"
				   New API key:      make apikey OWNER=user-42 EMAIL=user@example.org SOURCES=petdb
				   Try:
				     curl -si -X POST -H 'X-API-Key: petdb-demo-key' \\
				       '%1$s/api/v1/sources/petdb/exports?material=rock&sio2.min=45&fileType=csv'
				     curl -s -H 'X-API-Key: petdb-demo-key' %1$s/api/v1/exports/<taskId>
				     curl -sLOJ -H 'X-API-Key: petdb-demo-key' %1$s/api/v1/exports/<taskId>/download
				   Ctrl-C stops the service, then the stack.
				================================================================================
				""".formatted(url, stack.openSearchUrl(), s3, mail, service.pid(), ProcessHandle.current().pid());
		// the welcome is for the person at the terminal, not for the log
		System.out.println(text);
	}

}
