package org.earthchem.export.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.security.Caller;
import org.earthchem.export.source.InvalidParametersException;
import org.earthchem.export.source.ParameterError;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskPage;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A caller's exports ({@link ExportsApi}): a new one taken in by the {@link ExportIntake}, the caller's list, one
 * task, and its cancel.
 */
@RestController
class ExportController implements ExportsApi {

	private static final Logger log = LoggerFactory.getLogger(ExportController.class);

	private final ExportIntake intake;

	private final CallerTasks tasks;

	private final TaskStore store;

	private final ExportMetrics metrics;

	ExportController(ExportIntake intake, CallerTasks tasks, TaskStore store, ExportMetrics metrics) {
		this.intake = intake;
		this.tasks = tasks;
		this.store = store;
		this.metrics = metrics;
	}

	@Override
	public ResponseEntity<TaskView> create(String source, HttpServletRequest request) {
		Caller caller = this.tasks.caller(request);
		ExportIntake.Intake intake = this.intake.take(source, caller, request);
		// the answer is the task as created (Pending, with its place in the queue), whatever a worker does next
		TaskView view = this.tasks.view(intake.task(), caller);
		if (!intake.created()) {
			return ResponseEntity.ok(view);
		}
		return ResponseEntity.accepted().location(URI.create("/api/v1/exports/" + intake.task().taskId())).body(view);
	}

	/** The path of earlier versions, kept for existing clients; out of the description, where it would clash. */
	@Hidden
	@PostMapping("/exports/{source}")
	ResponseEntity<TaskView> createAtFormerPath(@PathVariable String source, HttpServletRequest request) {
		return create(source, request);
	}

	@Override
	public TaskListView list(String status, String source, String owner, String limit, String cursor,
			HttpServletRequest request) {
		Caller caller = this.tasks.caller(request);
		List<ParameterError> errors = new ArrayList<>();
		TaskStatus statusFilter = null;
		if (status != null) {
			try {
				statusFilter = TaskStatus.fromLabel(status);
			}
			catch (IllegalArgumentException ex) {
				errors.add(new ParameterError("status", "must be one of Pending, Processing, Succeeded, Failed, Cancelled"));
			}
		}
		int pageSize = PageLimit.of(limit, 20, 100, errors);
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		if (owner != null && !owner.equals(caller.owner()) && !caller.operator()) {
			throw new ApiException(HttpStatus.FORBIDDEN, ProblemCode.NOT_ALLOWED,
					"Only operators may list the exports of other owners.");
		}
		String listedOwner = caller.operator() ? owner : caller.owner();
		TaskPage page;
		try {
			page = this.store.list(listedOwner, statusFilter, source, pageSize, cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParametersException(List.of(new ParameterError("cursor",
					"is not a cursor from this listing; start again without it")));
		}
		return new TaskListView(page.tasks().stream().map((task) -> this.tasks.view(task, caller)).toList(),
				page.nextCursor());
	}

	@Override
	public ResponseEntity<TaskView> get(String taskId, HttpServletRequest request) {
		Caller caller = this.tasks.caller(request);
		ExportTask task = this.tasks.visible(taskId, caller);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (task.status().isActive()) {
			// clients poll every 10 seconds
			response.header(HttpHeaders.RETRY_AFTER, "10");
		}
		return response.body(this.tasks.view(task, caller));
	}

	@Override
	public ResponseEntity<TaskView> cancel(String taskId, HttpServletRequest request) {
		Caller caller = this.tasks.caller(request);
		ExportTask task = this.tasks.visible(taskId, caller);
		if (task.status() == TaskStatus.CANCELLED) {
			return ResponseEntity.ok(TaskView.of(task, null, null, caller.operator()));
		}
		if (!task.status().isActive()) {
			throw finished(task);
		}
		ExportTask after = this.store.requestCancel(taskId, caller.owner())
			.orElseThrow(() -> CallerTasks.notFound(taskId));
		if (after.status() == TaskStatus.SUCCEEDED || after.status() == TaskStatus.FAILED) {
			// it finished before the cancel could land
			throw finished(after);
		}
		log.info("Export {} cancel requested by {} while {}", taskId, caller.owner(),
				task.status().label());
		if (after.status() == TaskStatus.CANCELLED) {
			// it never started: cancelled here and now (a running one is counted when its job stops)
			this.metrics.finished(after, ExportMetrics.Outcome.CANCELLED);
		}
		return ResponseEntity.accepted().body(TaskView.of(after, null, null, caller.operator()));
	}

	private static ApiException finished(ExportTask task) {
		return new ApiException(HttpStatus.CONFLICT, ProblemCode.TASK_FINISHED,
				"Export " + task.taskId() + " has already " + task.status().label() + "; there is nothing to cancel.");
	}

}
