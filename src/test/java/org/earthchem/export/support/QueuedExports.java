package org.earthchem.export.support;

import java.util.HashSet;
import java.util.Set;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.repository.JobRepository;

/**
 * What would show that a request queued an export: the number of export jobs, and the active tasks of the owner (a
 * new task is recorded before the answer; its job starts a moment later, once a node takes its message).
 */
public record QueuedExports(int jobInstances, Set<String> activeTasks) {

	public static QueuedExports of(TaskStore tasks, JobRepository jobs, String owner) {
		Set<String> active = new HashSet<>();
		for (ExportTask task : tasks.activeTasksOf(owner)) {
			active.add(task.taskId());
		}
		return new QueuedExports(jobs.findJobInstances("export").size(), active);
	}

}
