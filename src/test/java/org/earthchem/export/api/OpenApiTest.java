package org.earthchem.export.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.source.SourceDefinition;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description is public and complete enough for a client generator. */
class OpenApiTest extends IntegrationTest {

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

	@Autowired
	private SourceCatalog sources;

	private JsonNode description() {
		return http(null).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
	}

	@Test
	void theOpenApiDescriptionListsTheRoutesAndBothCredentialKinds() {
		JsonNode api = description();

		assertThat(api.path("paths").propertyNames()).contains("/api/v1/sources/{source}/exports",
				"/api/v1/exports/{taskId}", "/api/v1/exports/{taskId}/download", "/api/v1/exports/{taskId}/events",
				"/api/v1/admin/executions", "/api/v1/admin/executions/{id}/restart", "/api/v1/admin/queue");
		assertThat(api.path("components").path("securitySchemes").path("apiKey").path("name").asString())
			.isEqualTo("X-API-Key");
		assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
			.isEqualTo("bearer");
	}

	@Test
	void theFormerCreationPathIsLeftOutSinceItWouldClashWithTheTaskPath() {
		JsonNode api = description();

		assertThat(api.path("paths").propertyNames()).doesNotContain("/api/v1/exports/{source}");
		assertThat(api.path("paths").path("/api/v1/sources/{source}/exports").path("post").path("operationId")
			.asString()).isEqualTo("createExport");
	}

	@Test
	void everyOperationHasAnIdASummaryADeclaredTagAndProblemDetailsFor401AndEveryOtherError() {
		JsonNode api = description();
		List<String> declaredTags = api.path("tags").findValuesAsString("name");

		List<String> operations = new ArrayList<>();
		forEachOperation(api, (name, operation) -> {
			operations.add(name);
			assertThat(operation.path("operationId").asString()).as(name).isNotBlank();
			assertThat(operation.path("summary").asString()).as(name).isNotBlank();
			assertThat(operation.path("tags")).as(name).hasSize(1);
			assertThat(declaredTags).as(name).contains(operation.path("tags").get(0).asString());
			JsonNode responses = operation.path("responses");
			assertThat(responses.propertyNames()).as(name + ": every route needs a credential").contains("401");
			for (String code : responses.propertyNames()) {
				if (code.startsWith("4") || code.startsWith("5")) {
					assertThat(responses.path(code).path("content").propertyNames()).as(name + " " + code)
						.containsExactly("application/problem+json");
					assertThat(responses.path(code).path("content").path("application/problem+json").path("schema")
						.path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
				}
			}
		});
		// a floor, not the figure: every new route adds one; OpenApiSnapshotTest holds the exact description
		assertThat(operations).as("operations").hasSizeGreaterThan(15);
	}

	@Test
	void noBodyIsDescribedAsAnyMediaType() {
		JsonNode api = description();

		forEachOperation(api, (name, operation) -> {
			assertThat(operation.path("requestBody").path("content").propertyNames()).as(name).doesNotContain("*/*");
			for (JsonNode response : operation.path("responses")) {
				assertThat(response.path("content").propertyNames()).as(name).doesNotContain("*/*");
			}
		});
	}

	@Test
	void creatingAnExportDocumentsEverySearchParameterOfEveryLoadedSource() {
		JsonNode create = description().path("paths").path("/api/v1/sources/{source}/exports").path("post");
		Map<String, JsonNode> query = new java.util.LinkedHashMap<>();
		for (JsonNode parameter : create.path("parameters")) {
			if (parameter.path("in").asString().equals("query")) {
				query.put(parameter.path("name").asString(), parameter);
			}
		}

		assertThat(query).containsKeys("q", "columns", "fileType");
		for (SourceDefinition source : this.sources.all()) {
			source.parameters().forEach((name, definition) -> {
				List<String> documented = switch (definition.kind()) {
					case RANGE -> List.of(name + ".min", name + ".max");
					case TERM, GEO_BBOX -> List.of(name);
				};
				for (String parameter : documented) {
					assertThat(query).as(source.name() + " " + parameter).containsKey(parameter);
					assertThat(query.get(parameter).path("x-sources").valueStream().map(JsonNode::asString))
						.as(parameter)
						.contains(source.name());
				}
			});
		}
		assertThat(query.get("sio2.min").path("schema").path("type").asString()).isEqualTo("number");
		assertThat(query.get("collected.max").path("schema").path("format").asString()).isEqualTo("date");
		assertThat(query.get("material").path("schema").path("type").asString()).isEqualTo("array");
		assertThat(query.get("material").path("explode").asBoolean(true)).as("material=a,b").isFalse();
		assertThat(query.get("bbox").path("schema").path("minItems").asInt()).isEqualTo(4);
		assertThat(query.get("fileType").path("schema").path("enum").valueStream().map(JsonNode::asString))
			.containsExactly("csv", "json", "ndjson", "xlsx");
		assertThat(query.get("compression").path("schema").path("enum").valueStream().map(JsonNode::asString))
			.containsExactly("none", "gzip");
		JsonNode source = create.path("parameters").valueStream()
			.filter((parameter) -> parameter.path("in").asString().equals("path"))
			.findFirst()
			.orElseThrow();
		assertThat(source.path("schema").path("enum").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(this.sources.all().stream().map(SourceDefinition::name).toList());
	}

	@Test
	void theProblemSchemaHasTheMembersOfEveryErrorOfTheService() {
		JsonNode problem = description().path("components").path("schemas").path("Problem");

		assertThat(problem.path("properties").propertyNames()).contains("type", "title", "status", "detail",
				"instance", "code", "traceId", "errors", "matchedRows", "limit");
		assertThat(problem.path("properties").path("errors").path("items").path("$ref").asString())
			.isEqualTo("#/components/schemas/ParameterProblem");
	}

	@Test
	void theSwaggerUiIsServed() {
		assertThat(fetch(baseUrl() + "/swagger-ui/index.html").getStatusCode().value()).isEqualTo(200);
	}

	private static void forEachOperation(JsonNode api, java.util.function.BiConsumer<String, JsonNode> check) {
		for (String path : api.path("paths").propertyNames()) {
			for (String method : METHODS) {
				JsonNode operation = api.path("paths").path(path).path(method);
				if (!operation.isMissingNode()) {
					check.accept(method.toUpperCase() + " " + path, operation);
				}
			}
		}
	}

}
