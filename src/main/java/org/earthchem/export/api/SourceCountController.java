package org.earthchem.export.api;

import jakarta.servlet.http.HttpServletRequest;

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
	SourceCount count(@PathVariable String source, HttpServletRequest request) {
		SourceDefinition definition = this.searches.exportable(source, this.callers.resolve(request));
		ExportQuery query = this.searches.query(definition, request);
		long matched = this.searches.matchedRows(definition, query);
		return new SourceCount(definition.name(), query.canonicalQuery(), matched, this.searches.rowLimit());
	}

}
