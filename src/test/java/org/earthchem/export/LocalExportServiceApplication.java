package org.earthchem.export;

import java.nio.file.Path;
import java.util.Map;

import org.earthchem.export.localstack.DemoIndices;
import org.earthchem.export.localstack.LocalStack;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * {@code make run}: the service with its whole local stack in this JVM — an OpenSearch node seeded with the demo
 * indices, DynamoDB Local, S3Proxy, ElasticMQ, GreenMail — and its data under {@code .local/}, reused by the next run
 * (ElasticMQ keeps its messages in memory: what was queued or running is queued again at start). A part whose
 * environment variable points at a real server ({@code OPENSEARCH_URL}, {@code AWS_ENDPOINT_URL_DYNAMODB},
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_SQS}, {@code SMTP_HOST}) is not started.
 */
public final class LocalExportServiceApplication {

	private LocalExportServiceApplication() {
	}

	public static void main(String[] args) {
		Path home = Path.of(".local").toAbsolutePath();
		LocalStack stack = new LocalStack(home, true);
		Map<String, String> properties = stack.start();
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
		if (stack.embeddedOpenSearch()) {
			DemoIndices.seedDemo(stack.openSearchUrl());
		}
		if (stack.sqsEndpoint() != null) {
			// the queue lives in this process and died with the last run: what was queued or running is queued again
			properties.put("export.queue.resend-at-start", "true");
		}
		properties.forEach(System::setProperty);
		SpringApplication application = new SpringApplication(ExportServiceApplication.class);
		application.setAdditionalProfiles("local");
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> printWelcome(
				event.getApplicationContext().getEnvironment(), stack));
		application.run(args);
	}

	private static void printWelcome(Environment environment, LocalStack stack) {
		String mail = (stack.mail() == null) ? "   Mail: " + environment.getProperty("spring.mail.host") + "\n"
				: String.format("   Mail (GreenMail): SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d%n"
						+ "     mailboxes (login = password = address): %s%n"
						+ "     python3 -c \"import imaplib; m=imaplib.IMAP4('127.0.0.1',%d); "
						+ "m.login('petdb-user@example.org','petdb-user@example.org'); m.select(); "
						+ "print(m.search(None,'ALL'))\"%n",
						stack.smtpPort(), stack.imapPort(), String.join(", ", LocalStack.DEMO_MAILBOXES), stack.imapPort());
		String s3 = "   S3: " + (stack.s3Endpoint() == null ? "AWS" : stack.s3Endpoint() + " (S3Proxy, files in .local/s3)")
				+ ", bucket " + environment.getProperty("export.s3.bucket") + "\n"
				+ "   SQS: " + (stack.sqsEndpoint() == null ? "AWS" : stack.sqsEndpoint() + " (ElasticMQ)") + ", queue "
				+ environment.getProperty("export.queue.name", "export-tasks.fifo") + "\n";
		String url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		String text = """

				================================================================================
				 Export service is up: %1$s
				   Console: %1$s/console/  (sign in with a demo key below)
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
				================================================================================
				""".formatted(url, environment.getProperty("export.opensearch.url"), s3, mail);
		// the welcome is for the person at the terminal, not for the log
		System.out.println(text);
	}

}
