package org.earthchem.export.bench;

import java.nio.file.Path;

/**
 * async-profiler in a service JVM and in this one (the local stack and the benchmark's client) over the same stretch
 * of the benchmark: the two summaries, one after the other.
 */
final class ServiceAndStackProfile {

	private final CpuProfile service;

	private final CpuProfile stack;

	private ServiceAndStackProfile(CpuProfile service, CpuProfile stack) {
		this.service = service;
		this.stack = stack;
	}

	static ServiceAndStackProfile start(ServiceProcess service, Path folder) throws Exception {
		return new ServiceAndStackProfile(CpuProfile.start(service.handle().pid(), folder),
				CpuProfile.startHere(folder));
	}

	/** Stops both; their summaries ({@code top} frames each) under titles saying what they sampled over. */
	String stop(String over, int top) throws Exception {
		StringBuilder text = new StringBuilder();
		if (this.service != null) {
			try (this.service) {
				text.append("async-profiler, the service JVM over ").append(over).append(", all threads\n")
					.append(this.service.stop(top));
			}
		}
		if (this.stack != null) {
			try (this.stack) {
				text.append("\nasync-profiler, this JVM (the local stack: OpenSearch, S3Proxy, DynamoDB Local, ElasticMQ, ")
					.append("GreenMail, and the benchmark's client) over the same stretch\n")
					.append(this.stack.stop(top));
			}
		}
		return text.toString();
	}

}
