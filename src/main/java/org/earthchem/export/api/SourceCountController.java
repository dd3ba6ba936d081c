package org.earthchem.export.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.security.Caller;
import org.earthchem.export.security.CallerResolver;
import org.earthchem.export.source.ExportQuery;
import org.earthchem.export.source.SourceDefinition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How many rows an export with these search parameters would hold, asked before starting it; nothing is queued. */
@RestController
@RequestMapping("/api/v1/sources")
class SourceCountController {

	private final SearchRequests searches;

	private final CallerResolver callers;

	SourceCountController(SearchRequests searches, CallerResolver callers) {
		this.searches = searches;
		this.callers = callers;
	}

	/**
	 * What a count answers.
	 *
	 * @param source the source searched
	 * @param query the canonical query an export of these parameters would record
	 * @param matchedRows the rows the search matches now
	 * @param limit the most rows one export may hold
	 */
	record SourceCount(String source, String query, long matchedRows, long limit) {
	}

	@GetMapping("/{source}/count")
	@Tag(name = OpenApiConfig.SOURCES)
	@Operation(operationId = "countSearch", summary = "Count the rows an export of a search would hold",
			description = "Checks the search parameters as `createExport` does and counts what they match now; "
					+ "nothing is queued.")
	@SearchParameters
	@ApiResponse(responseCode = "200", description = "The canonical query, the rows it matches and the row limit.")
	@ApiResponse(responseCode = "400", description = "Bad search parameters: `errors` names each one.")
	@ApiResponse(responseCode = "403", description = "The credential may not export this source.")
	@ApiResponse(responseCode = "404", description = "Unknown source.")
	@ApiResponse(responseCode = "422",
			description = "The search matches more rows than one export may hold: `matchedRows` and `limit`.")
	@ApiResponse(responseCode = "429",
			description = "The caller sends searches faster than allowed (`TOO_MANY_REQUESTS`, `limit` a minute, "
					+ "`burst` at once); retry after `Retry-After` seconds.")
	@ApiResponse(responseCode = "503",
			description = "The search cluster cannot be reached. Retry after `Retry-After` seconds.")
	SourceCount count(@PathVariable String source, HttpServletRequest request) {
		Caller caller = this.callers.resolve(request);
		SourceDefinition definition = this.searches.exportable(source, caller);
		ExportQuery query = this.searches.query(definition, request);
		long matched = this.searches.matchedRows(definition, query, caller);
		return new SourceCount(definition.name(), query.canonicalQuery(), matched, this.searches.rowLimit());
	}

}
