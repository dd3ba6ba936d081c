package org.earthchem.export.job;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, after the warm-ups, until the JIT compilers have nearly caught up with what the warm-ups made hot: the
 * compilations they queued would otherwise run during the first export, on the cores it needs (on two cores the
 * first export took twice as long as the fifth). Settled means the compilers spent under a tenth of a half-second
 * interval compiling; the wait is capped by {@code export.warm-up-compiler-wait}. A JVM that does not report
 * compilation time is not waited for.
 */
final class CompilerSettling {

	private static final Logger log = LoggerFactory.getLogger(CompilerSettling.class);

	private static final long INTERVAL_MILLIS = 500;

	private static final long QUIET_MILLIS = INTERVAL_MILLIS / 10;

	private CompilerSettling() {
	}

	/** Returns once the compilers are quiet or {@code atMost} has passed; true when they were quiet. */
	static boolean await(Duration atMost) {
		CompilationMXBean compilers = ManagementFactory.getCompilationMXBean();
		if (atMost.isZero() || compilers == null || !compilers.isCompilationTimeMonitoringSupported()) {
			return false;
		}
		long started = System.nanoTime();
		long deadline = started + atMost.toNanos();
		long compiled = compilers.getTotalCompilationTime();
		try {
			while (System.nanoTime() < deadline) {
				Thread.sleep(INTERVAL_MILLIS);
				long now = compilers.getTotalCompilationTime();
				if (now - compiled < QUIET_MILLIS) {
					log.info("JIT compilers settled {} ms after the warm-ups", (System.nanoTime() - started) / 1_000_000);
					return true;
				}
				compiled = now;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		log.info("JIT compilers still busy after {}; the service reports ready all the same", atMost);
		return false;
	}

}
