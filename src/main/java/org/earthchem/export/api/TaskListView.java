package org.earthchem.export.api;

import java.util.List;

/** A page of tasks, newest first, and the cursor of the next page (null on the last). */
record TaskListView(List<TaskView> items, String nextCursor) {
}
