package org.earthchem.export.task;

import java.util.List;

/** One page of a task's audit trail, oldest first, and where the next page starts (null on the last page). */
public record TaskEventPage(List<TaskEvent> events, String nextCursor) {
}
