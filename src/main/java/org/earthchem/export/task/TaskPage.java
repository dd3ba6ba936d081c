package org.earthchem.export.task;

import java.util.List;

/** One page of tasks, newest first, and where the next page starts (null on the last page). */
public record TaskPage(List<ExportTask> tasks, String nextCursor) {
}
