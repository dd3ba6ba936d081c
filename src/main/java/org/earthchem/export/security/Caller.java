package org.earthchem.export.security;

import java.util.Set;

/**
 * Who is asking: the owner of the tasks they create, where to email them, and what they may do.
 *
 * @param owner owner id
 * @param email email address, or null
 * @param sources sources they may export
 * @param operator whether they may see and act on every task and use the operator routes
 */
public record Caller(String owner, String email, Set<String> sources, boolean operator) {

	public Caller {
		sources = Set.copyOf(sources);
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
