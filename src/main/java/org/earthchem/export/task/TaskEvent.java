package org.earthchem.export.task;

import java.time.Instant;

/** One entry of a task's audit trail. */
public record TaskEvent(Instant at, TaskEventType type, String detail) {
}
