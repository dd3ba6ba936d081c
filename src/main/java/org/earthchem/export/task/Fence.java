package org.earthchem.export.task;

/**
 * What a fenced write of a task requires of it: that run {@code token} holds it ({@code holder = token}), or, for a
 * task a stopping node handed back ({@code handedBack}), that no run holds it and its latest run is {@code token}.
 *
 * @param token the run's fencing token (its job execution id)
 * @param handedBack the task was handed back: no holder, latest run {@code token}
 */
record Fence(long token, boolean handedBack) {

	static Fence heldBy(long token) {
		return new Fence(token, false);
	}

	static Fence handedBackBy(long token) {
		return new Fence(token, true);
	}

	/** The write's condition on the task item, with {@code #holder}, {@code #token} and {@code :token}. */
	String condition() {
		return this.handedBack ? "attribute_not_exists(#holder) AND #token = :token" : "#holder = :token";
	}

}
