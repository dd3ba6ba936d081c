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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The download of an export's files, as the OpenAPI description documents it. {@link ExportDownloadController} answers it.
 */
@Tag(name = OpenApiConfig.EXPORTS)
@RequestMapping("/api/v1")
interface ExportDownloadApi {

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
			HttpServletRequest request);

}
