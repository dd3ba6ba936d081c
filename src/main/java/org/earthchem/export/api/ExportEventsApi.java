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
 * An export's audit trail, as the OpenAPI description documents it. {@link ExportEventsController} answers it.
 */
@Tag(name = OpenApiConfig.EXPORTS)
@RequestMapping("/api/v1")
interface ExportEventsApi {

	/** The most events one call answers, and how many it answers without a {@code limit} (api.md). */
	int MAX_EVENTS = 1000;

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
			HttpServletRequest request);

}
