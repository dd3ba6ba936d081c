package org.earthchem.export.api;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.earthchem.export.source.SourceCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The OpenAPI description at {@code /v3/api-docs} (and {@code /swagger-ui.html}): both credential kinds, the tags, and
 * the customizers that complete what the annotations cannot say (the problems, the sources' search parameters).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static final String EXPORTS = "Exports";

	static final String SOURCES = "Sources";

	static final String CALLER = "Caller";

	static {
		// a streamed download is the file's bytes, not an object with a schema of its own
		SpringDocUtils.getConfig().replaceWithSchema(StreamingResponseBody.class, new StringSchema().format("binary"));
	}

	@Bean
	OpenAPI exportServiceApi() {
		Components components = new Components()
			.addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-API-Key")
						.description("An API key issued for one or more sources."))
			.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("An OAuth2 access token; scopes `export:<source>` and `export:operator`."));
		return new OpenAPI()
			.info(new Info().title("EarthChem export service")
				.version("v1")
				.description("Exports the whole result of a PetDB or Synthesis search as CSV, JSON, JSON Lines or XLSX files (optionally gzip-compressed). "
						+ "Every error is an RFC 9457 problem detail (`application/problem+json`) with a `code`.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			// relative: the API is where its description is served from
			.servers(List.of(new Server().url("/").description("This service")))
			.tags(List.of(tag(EXPORTS, "Create exports, follow them, cancel them and download their files."),
					tag(SOURCES, "The sources a caller may export and their search parameters."),
					tag(CALLER, "Who the caller is."),
					tag("Queue", "Operators: what waits and what runs."),
					tag("Job explorer", "Operators: the export job's executions, restart, stop and abandon."),
					tag("API keys", "Operators: issue, list and revoke API keys.")))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList("apiKey"))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	@Bean
	OperationCustomizer searchParameterDocs(SourceCatalog sources) {
		return new SearchParameterDocs(sources);
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return new ProblemResponses();
	}

	private static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

}
