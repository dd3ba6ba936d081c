package org.earthchem.export.devstack;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ElasticMQ in this JVM, speaking the SQS protocol, its queues in memory; the service creates its queues at start. */
public final class LocalSqs implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalSqs.class);

	private final SQSRestServer server;

	private final String endpoint;

	private LocalSqs(SQSRestServer server, String endpoint) {
		this.server = server;
		this.endpoint = endpoint;
	}

	public static LocalSqs start(int port) {
		long started = System.nanoTime();
		SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
			.withPort(port)
			.withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
			.withAWSRegion("us-east-1")
			.start();
		server.waitUntilStarted();
		String endpoint = "http://127.0.0.1:" + port;
		log.info("ElasticMQ (SQS) up at {} in {} ms", endpoint, (System.nanoTime() - started) / 1_000_000);
		return new LocalSqs(server, endpoint);
	}

	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		this.server.stopAndWait();
	}

}
