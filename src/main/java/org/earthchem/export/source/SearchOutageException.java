package org.earthchem.export.source;

import java.time.Duration;

/**
 * The search cluster stayed unreachable for longer than a running export waits for it ({@code export.outage-limit}):
 * the export fails for good, naming the search cluster, rather than wait without end.
 */
public class SearchOutageException extends RuntimeException {

	private final Duration waited;

	public SearchOutageException(Duration waited, Throwable last) {
		super("the search cluster could not be reached for " + waited + ": " + last.getMessage(), last);
		this.waited = waited;
	}

	/** How long the export waited for it. */
	public Duration waited() {
		return this.waited;
	}

}
