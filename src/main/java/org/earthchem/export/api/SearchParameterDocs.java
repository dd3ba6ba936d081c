package org.earthchem.export.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;

import org.earthchem.export.source.ColumnType;
import org.earthchem.export.source.ParameterDefinition;
import org.earthchem.export.source.FileType;
import org.earthchem.export.source.ReservedParameter;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.source.SourceDefinition;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents, on the routes marked {@link SearchParameters}, the search parameters of every source loaded at start as
 * query parameters: {@code q}, each source's term, range ({@code .min} / {@code .max}) and box parameters, then
 * {@code columns}, {@code fileType} and {@code compression}. One path serves every source, so each parameter says which sources accept
 * it (also as {@code x-sources}); the others answer 400.
 */
class SearchParameterDocs implements OperationCustomizer {

	private final SourceCatalog sources;

	SearchParameterDocs(SourceCatalog sources) {
		this.sources = sources;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		if (!handler.hasMethodAnnotation(SearchParameters.class)) {
			return operation;
		}
		List<SourceDefinition> all = this.sources.all();
		describeSource(operation, all);
		List<Parameter> parameters = new ArrayList<>();
		text(all, parameters);
		for (Map.Entry<String, List<Use>> entry : uses(all).entrySet()) {
			parameters.add(filter(entry.getKey(), entry.getValue(), all.size()));
		}
		parameters.add(query(ReservedParameter.COLUMNS.urlName(),
				"Only the columns whose dotted name starts with one of these prefixes (e.g. `sample_id,location`); "
						+ "every column by default.",
				csv(new StringSchema())));
		parameters.add(query(ReservedParameter.FILE_TYPE.urlName(),
				"The files' format: CSV, a JSON array, JSON Lines (one object a line) or an Excel workbook (one sheet "
						+ "a file; integers of more than 15 significant digits are text cells, as Excel would round "
						+ "them; a value over 32,767 characters fails the export with `CELL_TOO_LONG`).",
				new StringSchema()._enum(java.util.Arrays.stream(FileType.values()).map(FileType::extension).toList())
					._default("csv")));
		parameters.add(query(ReservedParameter.COMPRESSION.urlName(),
				"Store and deliver each file gzip-compressed (`….csv.gz`, `application/gzip`); each file may hold "
						+ "several gzip members one after another, which every common gzip reader reads as one stream. "
						+ "`bytes` and `sha256` are of the compressed file. Not with `xlsx` (a 400 naming `compression`).",
				new StringSchema()._enum(List.of("none", "gzip"))._default("none")));
		Set<String> present = new LinkedHashSet<>();
		if (operation.getParameters() != null) {
			operation.getParameters().forEach((parameter) -> present.add(parameter.getIn() + ":" + parameter.getName()));
		}
		for (Parameter parameter : parameters) {
			if (present.add(parameter.getIn() + ":" + parameter.getName())) {
				operation.addParametersItem(parameter);
			}
		}
		return operation;
	}

	private static void describeSource(Operation operation, List<SourceDefinition> all) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			if ("path".equals(parameter.getIn()) && "source".equals(parameter.getName())) {
				parameter.description("The source to search (`GET /api/v1/sources` lists those the caller may export).")
					.schema(new StringSchema()._enum(all.stream().map(SourceDefinition::name).toList()));
			}
		}
	}

	private static void text(List<SourceDefinition> all, List<Parameter> parameters) {
		List<SourceDefinition> searchable = all.stream().filter((source) -> !source.textFields().isEmpty()).toList();
		if (searchable.isEmpty()) {
			return;
		}
		String fields = searchable.stream()
			.map((source) -> source.name() + ": " + source.textFields().stream().map((f) -> "`" + f + "`")
				.collect(Collectors.joining(", ")))
			.collect(Collectors.joining("; "));
		Parameter q = query(ReservedParameter.TEXT.urlName(), "Full-text search in the source's text fields (" + fields + ")."
				+ " Every word must match; `\"pillow basalt\"` is a phrase, `-word` excludes a word, `a | b` is either,"
				+ " `+` is and, parentheses group, `\\` escapes one of these characters. Fuzzy (`~`), prefix (`*`), near"
				+ " and slop operators are not supported: `bas*` searches the word `bas`."
				+ onlyFor(searchable, all.size()), new StringSchema().minLength(1));
		q.addExtension("x-sources", names(searchable));
		parameters.add(q);
	}

	/** Every query parameter name a source defines, with the sources that use it, in the order the files list them. */
	private Map<String, List<Use>> uses(List<SourceDefinition> all) {
		Map<String, List<Use>> uses = new LinkedHashMap<>();
		for (SourceDefinition source : all) {
			source.parameters().forEach((name, definition) -> {
				ColumnType type = this.sources.fieldType(source, name).orElse(ColumnType.OTHER);
				switch (definition.kind()) {
					case TERM -> add(uses, name, new Use(source, definition, Form.TERM, type));
					case RANGE -> {
						add(uses, name + ".min", new Use(source, definition, Form.MIN, type));
						add(uses, name + ".max", new Use(source, definition, Form.MAX, type));
					}
					case GEO_BBOX -> add(uses, name, new Use(source, definition, Form.BOX, type));
				}
			});
		}
		return uses;
	}

	private static void add(Map<String, List<Use>> uses, String name, Use use) {
		uses.computeIfAbsent(name, (key) -> new ArrayList<>()).add(use);
	}

	private static Parameter filter(String name, List<Use> uses, int sourceCount) {
		Set<Form> forms = uses.stream().map(Use::form).collect(Collectors.toSet());
		Form form = (forms.size() == 1) ? forms.iterator().next() : null;
		Schema<?> schema;
		String what;
		if (form == null) {
			schema = new StringSchema();
			what = "Its meaning depends on the source.";
		}
		else {
			switch (form) {
				case TERM -> {
					schema = csv(new StringSchema());
					what = "Exact values, comma-separated: a row matches any of them.";
				}
				case BOX -> {
					schema = csv(new NumberSchema()).minItems(4).maxItems(4);
					what = "A geographic box: `minLon,minLat,maxLon,maxLat`.";
				}
				default -> {
					Set<ColumnType> types = uses.stream().map(Use::type).collect(Collectors.toSet());
					boolean dates = types.equals(Set.of(ColumnType.DATE));
					schema = dates ? new DateSchema()
							: types.equals(Set.of(ColumnType.NUMBER)) ? new NumberSchema() : new StringSchema();
					what = "Inclusive " + ((form == Form.MIN) ? "lower" : "upper") + " bound"
							+ (dates ? ", a date (`yyyy-MM-dd`)." : ".");
				}
			}
		}
		List<SourceDefinition> using = uses.stream().map(Use::source).distinct().toList();
		Set<String> fields = uses.stream().map((use) -> use.definition().field()).collect(Collectors.toSet());
		String columns = (fields.size() == 1) ? " Column `" + fields.iterator().next() + "`."
				: " Columns: " + uses.stream()
					.map((use) -> "`" + use.definition().field() + "` (" + use.source().name() + ")")
					.collect(Collectors.joining(", ")) + ".";
		Parameter parameter = query(name, what + columns + onlyFor(using, sourceCount), schema);
		parameter.addExtension("x-sources", names(using));
		return parameter;
	}

	private static String onlyFor(List<SourceDefinition> using, int sourceCount) {
		if (using.size() == sourceCount) {
			return "";
		}
		return " Only for " + String.join(", ", names(using)) + "; other sources answer 400.";
	}

	private static List<String> names(List<SourceDefinition> sources) {
		return sources.stream().map(SourceDefinition::name).toList();
	}

	/** A comma-separated list in one parameter: {@code name=a,b}. */
	private static ArraySchema csv(Schema<?> items) {
		return new ArraySchema().items(items);
	}

	private static Parameter query(String name, String description, Schema<?> schema) {
		Parameter parameter = new Parameter().in("query").name(name).required(false).description(description)
			.schema(schema);
		if (schema instanceof ArraySchema) {
			parameter.style(Parameter.StyleEnum.FORM).explode(false);
		}
		return parameter;
	}

	private enum Form {

		TERM, MIN, MAX, BOX

	}

	private record Use(SourceDefinition source, ParameterDefinition definition, Form form, ColumnType type) {
	}

}
