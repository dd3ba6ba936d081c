package org.earthchem.export.api;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpHeaders;

/**
 * What every operation answers besides what its annotations say: 401 everywhere (every route needs a credential), 403
 * on the operators' routes, and every 4xx or 5xx as an {@code application/problem+json} {@code Problem} (see
 * {@link ProblemSchemas}) with the headers the service sends with it ({@code WWW-Authenticate}, {@code Retry-After}).
 */
class ProblemResponses implements OpenApiCustomizer {

	private static final String OPERATOR_ROUTES = "/api/v1/admin/";

	@Override
	public void customise(OpenAPI openApi) {
		// registered here, with the references to them: springdoc drops the bean's schemas that nothing refers to yet
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		ProblemSchemas.addTo(openApi.getComponents());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			for (Operation operation : item.readOperations()) {
				complete(path, operation);
			}
		});
	}

	private static void complete(String path, Operation operation) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		responses.computeIfAbsent("401", (code) -> new ApiResponse()
			.description("No credential, or an unknown, revoked or expired one."));
		if (path.startsWith(OPERATOR_ROUTES)) {
			responses.computeIfAbsent("403", (code) -> new ApiResponse()
				.description("The credential is not an operator's."));
		}
		for (Map.Entry<String, ApiResponse> response : responses.entrySet()) {
			if (isError(response.getKey())) {
				asProblem(response.getKey(), response.getValue());
			}
		}
	}

	private static void asProblem(String status, ApiResponse response) {
		response.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				new MediaType().schema(new Schema<>().$ref(ProblemSchemas.PROBLEM_REF))));
		switch (status) {
			case "401" -> response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header()
				.description("The ways to authenticate: `Bearer` and `ApiKey` (header `X-API-Key`).")
				.schema(new StringSchema()));
			case "429", "503" -> response.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Seconds to wait before trying again.").schema(new IntegerSchema()));
			default -> {
			}
		}
	}

	private static boolean isError(String status) {
		return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
	}

}
