package org.earthchem.export.source;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Checks the sources against the search cluster ({@link SourceCatalog#check}) when the node starts, once every bean
 * is made and before the node serves anything. A source the cluster shows to be wrong (its index does not exist, a
 * field it names is not in the mapping) stops the start, with a message naming the file. A cluster that cannot be
 * reached (refused, reset, timed out, 429 or 5xx) does not: the node starts, reports not ready and takes no exports,
 * and checks again on a thread of its own after {@code export.source-check.first-retry-delay}, doubled after each
 * further failed check up to {@code export.source-check.max-retry-delay}, with one warning per check. A source found
 * wrong by a later check ends the node as a wrong source at start would, through {@code stop}.
 */
final class SourceCheck implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SourceCheck.class);

	private final SourceCatalog catalog;

	private final SearchCluster cluster;

	private final SourceCheckProperties properties;

	private final Consumer<RuntimeException> stop;

	private volatile int failedChecks;

	private volatile String lastProblem;

	private volatile ScheduledExecutorService retries;

	private volatile boolean closed;

	private long firstCheckNanos;

	/**
	 * @param stop what ends the node when a later check finds a source wrong, or the cluster answers what no cluster
	 * would (it has been logged)
	 */
	SourceCheck(SourceCatalog catalog, SearchCluster cluster, SourceCheckProperties properties,
			Consumer<RuntimeException> stop) {
		this.catalog = catalog;
		this.cluster = cluster;
		this.properties = properties;
		this.stop = stop;
	}

	@Override
	public void afterSingletonsInstantiated() {
		checkAtStart();
	}

	/**
	 * The first check, on the caller's thread.
	 * @throws SourceDefinitionException a source is wrong for the cluster (and the start must fail)
	 */
	void checkAtStart() {
		this.firstCheckNanos = System.nanoTime();
		try {
			this.catalog.check(this.cluster);
		}
		catch (SearchUnavailableException ex) {
			failed(ex);
			return;
		}
		this.catalog.announceChecked();
	}

	/** Checks that could not reach the search cluster so far. */
	int failedChecks() {
		return this.failedChecks;
	}

	/** Why the last check could not reach the search cluster; null before any failed. */
	String lastProblem() {
		return this.lastProblem;
	}

	private void failed(SearchUnavailableException ex) {
		int failed = ++this.failedChecks;
		this.lastProblem = ex.getMessage();
		Duration delay = this.properties.delayAfter(failed);
		log.warn("Waiting for the search cluster to check the sources: check {} failed ({}); this node is not ready "
				+ "and takes no exports; next check in {}", failed, ex.getMessage(), shown(delay));
		schedule(delay);
	}

	private synchronized void schedule(Duration delay) {
		if (this.closed) {
			return;
		}
		if (this.retries == null) {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "source-check");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			this.retries = executor;
		}
		this.retries.schedule(this::checkAgain, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void checkAgain() {
		if (this.closed) {
			return;
		}
		try {
			this.catalog.check(this.cluster);
		}
		catch (SearchUnavailableException ex) {
			failed(ex);
			return;
		}
		catch (RuntimeException ex) {
			// the cluster answered, and a source is wrong for it (or the answer is not a search cluster's): as at start
			String message = "The search cluster answered at check {}, and the sources cannot be used; the service "
					+ "stops:\n{}";
			if (ex instanceof SourceDefinitionException) {
				log.error(message, this.failedChecks + 1, ex.getMessage());
			}
			else {
				log.error(message, this.failedChecks + 1, ex.getMessage(), ex);
			}
			this.stop.accept(ex);
			return;
		}
		log.info("Sources checked against the search cluster at check {}, {} s after the first: this node takes "
				+ "exports", this.failedChecks + 1, (System.nanoTime() - this.firstCheckNanos) / 1_000_000_000L);
		this.catalog.announceChecked();
	}

	/** A wait as an operator reads it: {@code 4 s}, {@code 250 ms}. */
	static String shown(Duration delay) {
		return (delay.toMillis() % 1000 == 0) ? delay.toSeconds() + " s" : delay.toMillis() + " ms";
	}

	@Override
	public synchronized void destroy() {
		this.closed = true;
		if (this.retries != null) {
			this.retries.shutdownNow();
		}
	}

}
