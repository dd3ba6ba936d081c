package org.earthchem.export.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.security.Caller;
import org.earthchem.export.security.CallerResolver;
import org.earthchem.export.source.ReservedParameter;
import org.earthchem.export.source.SourceCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is and which sources (with their search parameters) they may export: for the console. */
@RestController
@RequestMapping("/api/v1")
class CallerController {

	private final CallerResolver callers;

	private final SourceCatalog sources;

	CallerController(CallerResolver callers, SourceCatalog sources) {
		this.callers = callers;
		this.sources = sources;
	}

	record Me(String owner, String email, Set<String> sources, boolean operator) {
	}

	record SourceView(String name, String title, List<ParameterView> parameters) {
	}

	/**
	 * A search parameter: its name, its kind ({@code term}, {@code range}, {@code geo_bbox}, {@code text},
	 * {@code columns}) and what the field it filters holds ({@code keyword}, {@code number}, {@code date}, …; null
	 * for {@code q} and {@code columns}), so that a form offers the right input.
	 */
	record ParameterView(String name, String kind, String type) {
	}

	@GetMapping("/me")
	@Tag(name = OpenApiConfig.CALLER)
	@Operation(operationId = "getCaller", summary = "Who the caller is",
			description = "Owner id, email, the sources the credential may export, and whether it is an operator's.")
	@ApiResponse(responseCode = "200", description = "The caller.")
	Me me(HttpServletRequest request) {
		Caller caller = this.callers.resolve(request);
		return new Me(caller.owner(), caller.email(), new TreeSet<>(caller.sources()), caller.operator());
	}

	@GetMapping("/sources")
	@Tag(name = OpenApiConfig.SOURCES)
	@Operation(operationId = "listSources", summary = "List the sources the caller may export",
			description = "Each source with its search parameters (name and kind: term, range, geo_bbox, text, "
					+ "columns).")
	@ApiResponse(responseCode = "200", description = "The sources.")
	List<SourceView> sources(HttpServletRequest request) {
		Caller caller = this.callers.resolve(request);
		return this.sources.all()
			.stream()
			.filter((source) -> caller.mayExport(source.name()))
			.map((source) -> {
				List<ParameterView> parameters = new java.util.ArrayList<>();
				for (Map.Entry<String, org.earthchem.export.source.ParameterDefinition> parameter : source.parameters()
					.entrySet()) {
					parameters.add(new ParameterView(parameter.getKey(), parameter.getValue().kind().yamlName(),
							this.sources.fieldType(source, parameter.getKey())
								.map((type) -> type.name().toLowerCase(java.util.Locale.ROOT))
								.orElse(null)));
				}
				if (!source.textFields().isEmpty()) {
					parameters.add(new ParameterView(ReservedParameter.TEXT.urlName(), "text", null));
				}
				parameters.add(new ParameterView(ReservedParameter.COLUMNS.urlName(), "columns", null));
				return new SourceView(source.name(), source.title(), parameters);
			})
			.toList();
	}

}
