package org.earthchem.export.security;

import java.util.Set;

/**
 * Who is asking: the owner of the tasks they create, where to email them, and what they may do.
 *
 * @param owner owner id
 * @param email email address, or null
 * @param sources sources they may export ({@code *} for all)
 * @param operator whether they may see and act on every task
 */
public record Caller(String owner, String email, Set<String> sources, boolean operator) {

	public static final Caller ANONYMOUS = new Caller("anonymous", null, Set.of("*"), false);

	/** Whether this caller may see a task of the given owner. */
	public boolean canSee(String taskOwner) {
		return this.operator || this.owner.equals(taskOwner);
	}

}
