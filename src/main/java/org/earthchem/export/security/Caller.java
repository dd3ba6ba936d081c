package org.earthchem.export.security;

import java.util.Set;

/**
 * Who is asking: the owner of the tasks they create, where to email them, and what they may do.
 *
 * @param owner owner id
 * @param email email address, or null
 * @param sources sources they may export
 * @param operator whether they may see and act on every task and use the operator routes
 * @param metrics whether this is a scraper's credential: it may read {@code /actuator/prometheus} and nothing else
 */
public record Caller(String owner, String email, Set<String> sources, boolean operator, boolean metrics) {

	public Caller {
		sources = Set.copyOf(sources);
		if (operator && metrics) {
			throw new IllegalArgumentException("a caller is an operator or a metrics scraper, not both");
		}
	}

	/** A caller who uses the API (an operator or not); not a metrics scraper. */
	public Caller(String owner, String email, Set<String> sources, boolean operator) {
		this(owner, email, sources, operator, false);
	}

	/** Whether this caller may see a task of the given owner. */
	public boolean canSee(String taskOwner) {
		return this.operator || this.owner.equals(taskOwner);
	}

	/** Whether this caller may export the given source. */
	public boolean mayExport(String source) {
		return this.sources.contains(source);
	}

}
