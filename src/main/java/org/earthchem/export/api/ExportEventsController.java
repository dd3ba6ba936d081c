package org.earthchem.export.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.security.Caller;
import org.earthchem.export.source.InvalidParametersException;
import org.earthchem.export.source.ParameterError;
import org.earthchem.export.task.TaskEventPage;
import org.earthchem.export.task.TaskStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** An export's audit trail ({@link ExportEventsApi}), page by page, for its owner and operators. */
@RestController
class ExportEventsController implements ExportEventsApi {

	private final CallerTasks tasks;

	private final TaskStore store;

	ExportEventsController(CallerTasks tasks, TaskStore store) {
		this.tasks = tasks;
		this.store = store;
	}

	@Override
	public ResponseEntity<List<EventView>> events(String taskId, String limit, String cursor,
			HttpServletRequest request) {
		List<ParameterError> errors = new ArrayList<>();
		int pageSize = PageLimit.of(limit, MAX_EVENTS, MAX_EVENTS, errors);
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		Caller caller = this.tasks.caller(request);
		this.tasks.visible(taskId, caller);
		TaskEventPage page;
		try {
			page = this.store.events(taskId, pageSize, cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParametersException(List.of(new ParameterError("cursor",
					"is not a cursor of this export's events; start again without it")));
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.nextCursor() != null) {
			response.header(HttpHeaders.LINK, "<" + request.getRequestURI() + "?limit=" + pageSize + "&cursor="
					+ page.nextCursor() + ">; rel=\"next\"");
		}
		boolean operator = caller.operator();
		return response.body(page.events().stream().map((event) -> EventView.of(event, operator)).toList());
	}

}
