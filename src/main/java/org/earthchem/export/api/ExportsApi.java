package org.earthchem.export.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The exports of a caller, as the OpenAPI description documents them: create, list, read and cancel. {@link ExportController} answers them.
 */
@Tag(name = OpenApiConfig.EXPORTS)
@RequestMapping("/api/v1")
interface ExportsApi {

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
	ResponseEntity<TaskView> create(@PathVariable String source, HttpServletRequest request);

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
			HttpServletRequest request);

	@GetMapping("/exports/{taskId}")
	@Operation(operationId = "getExport", summary = "Get an export task",
			description = "Status, queue position, progress, files with their download links, error. Poll every "
					+ "`Retry-After` seconds while it is active.")
	@ApiResponse(responseCode = "200", description = "The task.",
			headers = @Header(name = HttpHeaders.RETRY_AFTER,
					description = "`10` while the task is Pending or Processing: when to ask again.",
					schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "404", description = "No such export of the caller's.")
	ResponseEntity<TaskView> get(@PathVariable String taskId, HttpServletRequest request);

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
	ResponseEntity<TaskView> cancel(@PathVariable String taskId, HttpServletRequest request);

}
