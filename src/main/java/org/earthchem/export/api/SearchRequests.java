package org.earthchem.export.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.security.Caller;
import org.earthchem.export.source.ExportQuery;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.source.SourceDefinition;
import org.earthchem.export.source.UnknownSourceException;
import org.earthchem.export.task.ExportLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A search as a caller sends it, checked the way an export request is: within the caller's rate of searches
 * ({@code 429}, before anything costs a search), a source they may export ({@code 404}, {@code 403}), parameters the source accepts ({@code 400}), and no more rows than one export may hold ({@code 422};
 * {@code 503} when the search cluster cannot count them).
 */
@Component
class SearchRequests {

	private final SourceCatalog sources;

	private final SearchCluster cluster;

	private final ExportLimits limits;

	private final RequestRates rates;

	SearchRequests(SourceCatalog sources, SearchCluster cluster, ExportLimits limits, RequestRates rates) {
		this.rates = rates;
		this.sources = sources;
		this.cluster = cluster;
		this.limits = limits;
	}

	/**
	 * The named source, when it exists and the caller may export it. An unknown one is a 404 that names the sources
	 * the caller may export, never the others.
	 */
	SourceDefinition exportable(String source, Caller caller) {
		SourceDefinition definition = this.sources.find(source)
			.orElseThrow(() -> new UnknownSourceException(source, this.sources.all()
				.stream()
				.map(SourceDefinition::name)
				.filter(caller::mayExport)
				.sorted()
				.toList()));
		if (!caller.mayExport(source)) {
			throw new ApiException(HttpStatus.FORBIDDEN, ProblemCode.NOT_ALLOWED,
					"Your credential may not export " + source + "; ask for access to it.");
		}
		return definition;
	}

	/** The request's search parameters checked against the source, every offending one listed. */
	ExportQuery query(SourceDefinition definition, HttpServletRequest request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
		return this.sources.parse(definition, parameters);
	}

	/**
	 * The rows the query matches now, when one export may hold them all. The search is what the caller's rate limit
	 * counts: a request refused before it (bad parameters, unknown source, a cap) or answered without one (the active
	 * export of the same query) costs nothing.
	 */
	long matchedRows(SourceDefinition definition, ExportQuery query, Caller caller) {
		this.rates.take(caller.owner());
		long matched = this.cluster.count(definition.index(), query.queryJson());
		if (matched > this.limits.maxTotalRows()) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.TOO_MANY_ROWS,
					"This search matches " + matched + " rows; one export may hold at most " + this.limits.maxTotalRows()
							+ ". Please narrow the search.",
					Map.of("matchedRows", matched, "limit", this.limits.maxTotalRows()), null);
		}
		return matched;
	}

	/** The most rows one export may hold. */
	long rowLimit() {
		return this.limits.maxTotalRows();
	}

}
