package org.earthchem.export.task;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands; only the transitions of the API contract are possible. */
public enum TaskStatus {

	PENDING("Pending"), PROCESSING("Processing"), SUCCEEDED("Succeeded"), FAILED("Failed"), CANCELLED("Cancelled");

	private final String label;

	TaskStatus(String label) {
		this.label = label;
	}

	@JsonValue
	public String label() {
		return this.label;
	}

	/** The statuses this one may move to. */
	public Set<TaskStatus> next() {
		return switch (this) {
			case PENDING -> EnumSet.of(PROCESSING, CANCELLED);
			// back to Pending: an automatic retry or a takeover, never through a final status
			case PROCESSING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, PENDING);
			// an operator's restart
			case FAILED -> EnumSet.of(PENDING);
			case SUCCEEDED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
		};
	}

	public boolean canMoveTo(TaskStatus target) {
		return next().contains(target);
	}

	/** Pending or Processing: the task still has work ahead. */
	public boolean isActive() {
		return this == PENDING || this == PROCESSING;
	}

	public static TaskStatus fromLabel(String label) {
		for (TaskStatus status : values()) {
			if (status.label.equalsIgnoreCase(label) || status.name().equalsIgnoreCase(label)) {
				return status;
			}
		}
		throw new IllegalArgumentException("unknown task status '" + label + "'");
	}

}
