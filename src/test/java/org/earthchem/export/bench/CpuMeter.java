package org.earthchem.export.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * CPU time spent by the service JVM (all its threads, from the operating system), by the OpenSearch node, which
 * runs in this driver JVM (the sum over its threads, {@code opensearch[…]}, which live as long as the node), and by the
 * rest of the driver JVM: the other servers of the local stack (S3Proxy, DynamoDB Local, ElasticMQ, GreenMail) and
 * the bench's own polling, on the same cores.
 */
final class CpuMeter {

	private static final String OPENSEARCH_THREADS = "opensearch[";

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final ProcessHandle service;

	CpuMeter(ProcessHandle service) {
		this.service = service;
	}

	/** Both figures now, in seconds. */
	Reading read() {
		double openSearch = openSearchSeconds();
		return new Reading(serviceSeconds(), openSearch, driverSeconds() - openSearch);
	}

	private double serviceSeconds() {
		return this.service.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L) / 1e9;
	}

	private static double driverSeconds() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L) / 1e9;
	}

	private double openSearchSeconds() {
		long nanos = 0;
		for (ThreadInfo thread : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().startsWith(OPENSEARCH_THREADS)) {
				nanos += Math.max(0, this.threads.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return nanos / 1e9;
	}

	/** CPU seconds used so far. */
	record Reading(double service, double openSearch, double restOfStack) {

		/** What was used between {@code earlier} and this reading. */
		Reading since(Reading earlier) {
			return new Reading(this.service - earlier.service, this.openSearch - earlier.openSearch,
					this.restOfStack - earlier.restOfStack);
		}

	}

}
