package org.earthchem.export.api;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.queue.StartEstimates;
import org.earthchem.export.security.Caller;
import org.earthchem.export.security.CallerResolver;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The tasks a caller may see, and a task as the caller sees it: its place in the queue and start estimate while
 * Pending, its links current. An id of a task the caller may not see is a 404, like one of no task.
 */
@Component
class CallerTasks {

	private final TaskStore tasks;

	private final CallerResolver callers;

	private final DownloadLinks links;

	private final PendingTasks queue;

	private final StartEstimates startEstimates;

	CallerTasks(TaskStore tasks, CallerResolver callers, DownloadLinks links, PendingTasks queue,
			StartEstimates startEstimates) {
		this.tasks = tasks;
		this.callers = callers;
		this.links = links;
		this.queue = queue;
		this.startEstimates = startEstimates;
	}

	Caller caller(HttpServletRequest request) {
		return this.callers.resolve(request);
	}

	/** The caller's task (or any task, for an operator); a 404 problem otherwise. */
	ExportTask visible(String taskId, Caller caller) {
		return (TaskIds.isWellFormed(taskId) ? this.tasks.find(taskId) : Optional.<ExportTask>empty())
			.filter((task) -> caller.canSee(task.owner()))
			.orElseThrow(() -> notFound(taskId));
	}

	TaskView view(ExportTask task, Caller caller) {
		Integer position = this.queue.position(task);
		return TaskView.of(this.links.current(task), position,
				(position != null) ? this.startEstimates.secondsUntilStart(position) : null, caller.operator());
	}

	static ApiException notFound(String taskId) {
		return new ApiException(HttpStatus.NOT_FOUND, ProblemCode.TASK_NOT_FOUND,
				"There is no export " + taskId + " of yours.");
	}

}
