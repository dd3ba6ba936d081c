package org.earthchem.export.api;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.queue.ExportQueue;
import org.earthchem.export.queue.StartEstimates;
import org.earthchem.export.queue.TaskQueue;
import org.earthchem.export.queue.QueueUnavailableException;
import org.earthchem.export.security.Caller;
import org.earthchem.export.security.CallerResolver;
import org.earthchem.export.source.ExportQuery;
import org.earthchem.export.source.InvalidParametersException;
import org.earthchem.export.source.ParameterError;
import org.earthchem.export.source.SourceDefinition;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.storage.IssuedLink;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportLimits;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskEventPage;
import org.earthchem.export.task.TaskCreation;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskPage;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.earthchem.export.task.Timestamps;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Creating exports, following them and downloading their files. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = OpenApiConfig.EXPORTS)
class ExportController {

	private static final Logger log = LoggerFactory.getLogger(ExportController.class);

	/** The most events one call answers, and how many it answers without a {@code limit} (api.md). */
	private static final int MAX_EVENTS = 1000;

	private final SearchRequests searches;

	private final TaskStore tasks;

	private final ExportQueue queue;

	private final ExportBucket bucket;

	private final DownloadLinks links;

	private final CallerResolver callers;

	private final ExportLimits limits;

	private final ExportMetrics metrics;

	private final StartEstimates startEstimates;

	private final TaskQueue taskQueue;

	private final RepeatedDownloads downloads;

	ExportController(SearchRequests searches, TaskStore tasks, ExportQueue queue, ExportBucket bucket,
			DownloadLinks links, CallerResolver callers, ExportLimits limits, ExportMetrics metrics,
			StartEstimates startEstimates, TaskQueue taskQueue, RepeatedDownloads downloads) {
		this.searches = searches;
		this.downloads = downloads;
		this.taskQueue = taskQueue;
		this.metrics = metrics;
		this.startEstimates = startEstimates;
		this.tasks = tasks;
		this.queue = queue;
		this.bucket = bucket;
		this.links = links;
		this.callers = callers;
		this.limits = limits;
	}

	@PostMapping("/sources/{source}/exports")
	@Operation(operationId = "createExport", summary = "Create and queue an export of a search",
			description = "Validates the search parameters against the source, counts the rows they match and queues "
					+ "the export. Identical requests of one owner do not run twice: while the first is active, the "
					+ "same source, query, file type and compression answer 200 with that task.")
	@SearchParameters
	@ApiResponse(responseCode = "202", description = "Queued: the new task, Pending.",
			headers = @Header(name = HttpHeaders.LOCATION, description = "The task: `/api/v1/exports/{taskId}`.",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TaskView.class)))
	@ApiResponse(responseCode = "200",
			description = "The caller already has this export Pending or Processing: that task.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TaskView.class)))
	@ApiResponse(responseCode = "400",
			description = "Bad search parameters (unknown, malformed, repeated, too long): `errors` names each one. "
					+ "Nothing is queued.")
	@ApiResponse(responseCode = "403", description = "The credential may not export this source.")
	@ApiResponse(responseCode = "404", description = "Unknown source.")
	@ApiResponse(responseCode = "422",
			description = "The search matches more rows than one export may hold: `matchedRows` and `limit`.")
	@ApiResponse(responseCode = "429",
			description = "The caller already has as many active exports as allowed (`TOO_MANY_ACTIVE_EXPORTS`, "
					+ "`limit`), or sends searches faster than allowed (`TOO_MANY_REQUESTS`, `limit` a minute, "
					+ "`burst` at once); retry after `Retry-After` seconds.")
	@ApiResponse(responseCode = "503",
			description = "The search cluster or the queue cannot be reached (`SOURCE_UNAVAILABLE`, "
					+ "`QUEUE_UNAVAILABLE`), or the service already holds as many waiting exports as it may "
					+ "(`QUEUE_FULL`, with `limit`); nothing was created. Retry after `Retry-After` seconds.")
	ResponseEntity<TaskView> create(@PathVariable String source, HttpServletRequest request) {
		Caller caller = this.callers.resolve(request);
		SourceDefinition definition = this.searches.exportable(source, caller);
		ExportQuery query = this.searches.query(definition, request);
		String fileType = query.fileType().extension();
		Optional<ExportTask> existing = this.tasks.findActive(caller.owner(), source, query.queryKey(), fileType,
				query.compression().value());
		if (existing.isPresent()) {
			return ResponseEntity.ok(view(existing.get(), caller));
		}
		// a cheap look first, so that a caller at a cap costs no count; the create below is what holds under races
		if (this.tasks.activeCount(caller.owner()) >= this.limits.maxActivePerOwner()) {
			throw tooManyActive();
		}
		if (this.tasks.pendingCount() >= this.limits.maxPending()) {
			throw queueFull();
		}
		long matched = this.searches.matchedRows(definition, query, caller);
		TaskStore.Creation creation = newTask(definition, query, caller, fileType, matched);
		if (creation.outcome() == TaskCreation.DUPLICATE) {
			// an identical request a moment before this one created it: identical requests do not run twice
			return ResponseEntity.ok(view(creation.task(), caller));
		}
		ExportTask task = creation.task();
		// the answer is the task as created (Pending, with its place in the queue), whatever a worker does next
		TaskView created = view(task, caller);
		try {
			this.queue.enqueue(task);
		}
		catch (QueueUnavailableException ex) {
			if (!this.tasks.withdraw(task.taskId())) {
				// the message went out after all (the failure was in the answer), and a node runs it
				return ResponseEntity.accepted().location(URI.create("/api/v1/exports/" + task.taskId())).body(created);
			}
			// nothing runs a task without a message: it is taken back, and the client asks again later
			log.warn("Export {} withdrawn: the queue cannot be reached ({})", task.taskId(), ex.getMessage());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.QUEUE_UNAVAILABLE,
					"The export queue cannot be reached right now, so the export was not created. Please try again "
							+ "in a minute.",
					Map.of(), "30");
		}
		this.metrics.created(task);
		log.info("Export {} created for {}: {}?{} ({} rows)", task.taskId(), caller.owner(), source, task.query(),
				matched);
		return ResponseEntity.accepted().location(URI.create("/api/v1/exports/" + task.taskId())).body(created);
	}

	/** The path of earlier versions, kept for existing clients; out of the description, where it would clash. */
	@Hidden
	@PostMapping("/exports/{source}")
	ResponseEntity<TaskView> createAtFormerPath(@PathVariable String source, HttpServletRequest request) {
		return create(source, request);
	}

	@GetMapping("/exports")
	@Operation(operationId = "listExports", summary = "List the caller's exports, newest first",
			description = "Operators see every owner's exports and may filter by `owner`.")
	@ApiResponse(responseCode = "200", description = "A page of tasks and the cursor of the next page.")
	@ApiResponse(responseCode = "400", description = "A bad `status`, `limit` or `cursor`: `errors` names it.")
	@ApiResponse(responseCode = "403", description = "`owner` names another owner and the caller is no operator.")
	TaskListView list(
			@Parameter(description = "Only tasks in this status.",
					schema = @Schema(allowableValues = { "Pending", "Processing", "Succeeded", "Failed",
							"Cancelled" })) @RequestParam(name = "status", required = false) String status,
			@Parameter(description = "Only tasks of this source.") @RequestParam(name = "source",
					required = false) String source,
			@Parameter(description = "Operators: only tasks of this owner.") @RequestParam(name = "owner",
					required = false) String owner,
			@Parameter(description = "Tasks per page.",
					schema = @Schema(type = "integer", minimum = "1", maximum = "100",
							defaultValue = "20")) @RequestParam(name = "limit", required = false) String limit,
			@Parameter(description = "`nextCursor` of the previous page.") @RequestParam(name = "cursor",
					required = false) String cursor,
			HttpServletRequest request) {
		Caller caller = this.callers.resolve(request);
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
		int pageSize = pageSize(limit, 20, 100, errors);
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
			page = this.tasks.list(listedOwner, statusFilter, source, pageSize, cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParametersException(List.of(new ParameterError("cursor",
					"is not a cursor from this listing; start again without it")));
		}
		return new TaskListView(page.tasks().stream().map((task) -> view(task, caller)).toList(),
				page.nextCursor());
	}

	@GetMapping("/exports/{taskId}")
	@Operation(operationId = "getExport", summary = "Get an export task",
			description = "Status, queue position, progress, files with their download links, error. Poll every "
					+ "`Retry-After` seconds while it is active.")
	@ApiResponse(responseCode = "200", description = "The task.",
			headers = @Header(name = HttpHeaders.RETRY_AFTER,
					description = "`10` while the task is Pending or Processing: when to ask again.",
					schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "404", description = "No such export of the caller's.")
	ResponseEntity<TaskView> get(@PathVariable String taskId, HttpServletRequest request) {
		ExportTask task = visibleTask(taskId, request);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (task.status().isActive()) {
			// clients poll every 10 seconds
			response.header(HttpHeaders.RETRY_AFTER, "10");
		}
		return response.body(view(task, this.callers.resolve(request)));
	}

	@PostMapping("/exports/{taskId}/cancel")
	@Operation(operationId = "cancelExport", summary = "Cancel an export",
			description = "A Pending task becomes Cancelled at once and never starts; a Processing one stops at its "
					+ "next progress check, its uploads removed.")
	@ApiResponse(responseCode = "202", description = "Cancel taken: the task (Cancelled, or still Processing).",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TaskView.class)))
	@ApiResponse(responseCode = "200", description = "Already Cancelled: the task.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TaskView.class)))
	@ApiResponse(responseCode = "404", description = "No such export of the caller's.")
	@ApiResponse(responseCode = "409", description = "The export has already Succeeded or Failed.")
	ResponseEntity<TaskView> cancel(@PathVariable String taskId, HttpServletRequest request) {
		ExportTask task = visibleTask(taskId, request);
		if (task.status() == TaskStatus.CANCELLED) {
			return ResponseEntity.ok(TaskView.of(task, null, null, this.callers.resolve(request).operator()));
		}
		if (!task.status().isActive()) {
			throw finished(task);
		}
		ExportTask after = this.tasks.requestCancel(taskId, this.callers.resolve(request).owner())
			.orElseThrow(() -> notFound(taskId));
		if (after.status() == TaskStatus.SUCCEEDED || after.status() == TaskStatus.FAILED) {
			// it finished before the cancel could land
			throw finished(after);
		}
		log.info("Export {} cancel requested by {} while {}", taskId, this.callers.resolve(request).owner(),
				task.status().label());
		if (after.status() == TaskStatus.CANCELLED) {
			// it never started: cancelled here and now (a running one is counted when its job stops)
			this.metrics.finished(after, ExportMetrics.Outcome.CANCELLED);
		}
		return ResponseEntity.accepted().body(TaskView.of(after, null, null, this.callers.resolve(request).operator()));
	}

	@GetMapping("/exports/{taskId}/events")
	@Operation(operationId = "listExportEvents", summary = "Get an export's audit trail, oldest first",
			description = "At most `limit` events a call; when more follow, the `Link` header (`rel=\"next\"`) "
					+ "points to them.")
	@ApiResponse(responseCode = "200", description = "The events, oldest first.",
			headers = @Header(name = HttpHeaders.LINK,
					description = "`<…/events?limit=…&cursor=…>; rel=\"next\"` while more events follow; absent on "
							+ "the last page.",
					schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400", description = "A bad `limit` or `cursor`: `errors` names it.")
	@ApiResponse(responseCode = "404", description = "No such export of the caller's.")
	ResponseEntity<List<EventView>> events(@PathVariable String taskId,
			@Parameter(description = "Events per page.",
					schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_EVENTS,
							defaultValue = "" + MAX_EVENTS)) @RequestParam(name = "limit", required = false) String limit,
			@Parameter(description = "Where the page starts: the `cursor` of the previous page's `Link` header.")
			@RequestParam(name = "cursor", required = false) String cursor,
			HttpServletRequest request) {
		List<ParameterError> errors = new ArrayList<>();
		int pageSize = pageSize(limit, MAX_EVENTS, MAX_EVENTS, errors);
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		visibleTask(taskId, request);
		TaskEventPage page;
		try {
			page = this.tasks.events(taskId, pageSize, cursor);
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
		boolean operator = this.callers.resolve(request).operator();
		return response.body(page.events().stream().map((event) -> EventView.of(event, operator)).toList());
	}

	@GetMapping("/exports/{taskId}/download")
	@Operation(operationId = "downloadExportFile", summary = "Download a file of a Succeeded export",
			description = "Small exports stream the file itself; larger ones redirect to a fresh pre-signed S3 link. "
					+ "Every call is recorded in a DOWNLOADED event: the downloads of one file by one caller within a "
					+ "minute are one event that counts them.")
	@ApiResponse(responseCode = "200", description = "The file, as an attachment.",
			headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = "`attachment; filename=…`",
					schema = @Schema(type = "string")),
			content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
							schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "302", description = "The file is large: a pre-signed S3 link to it.",
			headers = @Header(name = HttpHeaders.LOCATION, description = "The pre-signed link.",
					schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(hidden = true)))
	@ApiResponse(responseCode = "400", description = "`part` is not a whole number.")
	@ApiResponse(responseCode = "404", description = "No such export of the caller's, or no such part.")
	@ApiResponse(responseCode = "409", description = "The export has not Succeeded.")
	@ApiResponse(responseCode = "410", description = "Retention has removed the export's files.")
	ResponseEntity<StreamingResponseBody> download(@PathVariable String taskId,
			@Parameter(description = "Which file (1 = `…-part-001`).",
					schema = @Schema(type = "integer", format = "int32", minimum = "1",
							defaultValue = "1")) @RequestParam(name = "part", defaultValue = "1") int part,
			HttpServletRequest request) {
		ExportTask task = visibleTask(taskId, request);
		if (task.status() != TaskStatus.SUCCEEDED) {
			throw new ApiException(HttpStatus.CONFLICT, ProblemCode.TASK_NOT_FINISHED,
					"Export " + taskId + " is " + task.status().label()
							+ "; its file can be downloaded once it has Succeeded.");
		}
		if (part < 1 || part > task.files().size()) {
			throw new ApiException(HttpStatus.NOT_FOUND, ProblemCode.FILE_NOT_FOUND,
					"Export " + taskId + " has " + task.files().size() + " file(s); there is no part " + part + ".");
		}
		ExportFile file = task.files().get(part - 1);
		if (file.deletedAt() != null) {
			throw new ApiException(HttpStatus.GONE, ProblemCode.FILE_EXPIRED,
					"The files of export " + taskId + " were removed on " + Timestamps.format(file.deletedAt())
							+ " (retention); please request the export again.");
		}
		String caller = this.callers.resolve(request).owner();
		if (!this.links.streams(task)) {
			IssuedLink link = this.downloads.redirected(taskId, file, caller,
					() -> this.links.issueFor(taskId, file, caller));
			this.metrics.download("redirect");
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.url())).build();
		}
		this.downloads.streamed(taskId, file, caller);
		this.metrics.download("stream");
		StreamingResponseBody body = (out) -> {
			try (InputStream in = this.bucket.open(file.location())) {
				in.transferTo(out);
			}
		};
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(DownloadLinks.contentType(file.name())))
			.contentLength(file.bytes())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	private TaskView view(ExportTask task, Caller caller) {
		Integer position = this.taskQueue.position(task);
		return TaskView.of(this.links.current(task), position,
				(position != null) ? this.startEstimates.secondsUntilStart(position) : null, caller.operator());
	}

	/** The new task ({@code task()} of a CREATED), or the caller's identical active task (DUPLICATE). */
	private TaskStore.Creation newTask(SourceDefinition definition, ExportQuery query, Caller caller, String fileType,
			long matched) {
		// a fresh id on the rare clash of two ids in the same millisecond
		for (int attempt = 0; attempt < 5; attempt++) {
			ExportTask task = ExportTask.pending(TaskIds.newId(definition.name(), query.queryKey(), this.tasks.now()),
					definition.name(), fileType, query.compression().value(), query.canonicalQuery(), query.queryKey(),
					caller.owner(),
					caller.email(), this.tasks.now(), matched);
			TaskStore.Creation creation = this.tasks.createOnce(task, this.limits.maxActivePerOwner(),
					this.limits.maxPending());
			switch (creation.outcome()) {
				case CREATED -> {
					return new TaskStore.Creation(TaskCreation.CREATED, task);
				}
				case DUPLICATE -> {
					return creation;
				}
				case OWNER_AT_LIMIT -> throw tooManyActive();
				case SERVICE_AT_LIMIT -> throw queueFull();
				case ID_TAKEN -> {
					// another id
				}
			}
		}
		throw new IllegalStateException("could not allocate a unique task id");
	}

	private ApiException tooManyActive() {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_ACTIVE_EXPORTS,
				"You already have " + this.limits.maxActivePerOwner()
						+ " exports waiting or running. Please wait until one finishes.",
				Map.of("limit", this.limits.maxActivePerOwner()), "60");
	}

	private ApiException queueFull() {
		log.warn("Export refused: the service already holds {} waiting exports (export.max-pending)",
				this.limits.maxPending());
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.QUEUE_FULL,
				"The export service has as many exports waiting as it can hold right now, so the export was not "
						+ "created. Please try again in a few minutes.",
				Map.of("limit", this.limits.maxPending()), "120");
	}

	private ExportTask visibleTask(String taskId, HttpServletRequest request) {
		Caller caller = this.callers.resolve(request);
		return (TaskIds.isWellFormed(taskId) ? this.tasks.find(taskId) : Optional.<ExportTask>empty())
			.filter((task) -> caller.canSee(task.owner()))
			.orElseThrow(() -> notFound(taskId));
	}

	private static ApiException notFound(String taskId) {
		return new ApiException(HttpStatus.NOT_FOUND, ProblemCode.TASK_NOT_FOUND,
				"There is no export " + taskId + " of yours.");
	}

	private static ApiException finished(ExportTask task) {
		return new ApiException(HttpStatus.CONFLICT, ProblemCode.TASK_FINISHED,
				"Export " + task.taskId() + " has already " + task.status().label() + "; there is nothing to cancel.");
	}

	/** The page size a {@code limit} asks for, {@code defaultSize} without one; a bad one is added to {@code errors}. */
	private static int pageSize(String limit, int defaultSize, int max, List<ParameterError> errors) {
		if (limit == null) {
			return defaultSize;
		}
		try {
			int size = Integer.parseInt(limit);
			if (size >= 1 && size <= max) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, like a number out of range
		}
		errors.add(new ParameterError("limit", "must be a whole number from 1 to " + max));
		return defaultSize;
	}

}
