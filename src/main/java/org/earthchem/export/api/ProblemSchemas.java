package org.earthchem.export.api;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/** The schema of every error the service answers: an RFC 9457 problem detail with the service's own members. */
final class ProblemSchemas {

	static final String PROBLEM = "Problem";

	static final String PARAMETER_PROBLEM = "ParameterProblem";

	static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

	private ProblemSchemas() {
	}

	static void addTo(Components components) {
		components.addSchemas(PROBLEM, problem()).addSchemas(PARAMETER_PROBLEM, parameterProblem());
	}

	private static Schema<?> problem() {
		return new ObjectSchema().description("An RFC 9457 problem detail (`application/problem+json`).")
			.required(List.of("type", "title", "status"))
			.addProperty("type", new StringSchema().format("uri")
				.description("Identifies the kind of problem, derived from `code`.")
				.example("https://export.earthchem.org/problems/invalid-parameters"))
			.addProperty("title", new StringSchema().description("A short summary of the kind of problem."))
			.addProperty("status", new IntegerSchema().description("The HTTP status code."))
			.addProperty("detail", new StringSchema().description("What went wrong with this request, and what to do."))
			.addProperty("instance", new StringSchema().format("uri-reference")
				.description("The request the problem occurred in."))
			.addProperty("code", new StringSchema()
				.description("What went wrong, for clients to branch on: e.g. `INVALID_PARAMETERS`, `UNKNOWN_SOURCE`, "
						+ "`TASK_NOT_FOUND`, `TOO_MANY_ROWS`, `TOO_MANY_ACTIVE_EXPORTS`, `TOO_MANY_REQUESTS`, `SOURCE_UNAVAILABLE`, "
						+ "`QUEUE_UNAVAILABLE`, `QUEUE_FULL`, `UNAUTHENTICATED`, `NOT_ALLOWED`. New codes may be added.")
				.example("INVALID_PARAMETERS"))
			.addProperty("traceId", new StringSchema()
				.description("The request's trace id: quote it when asking the operators about a failure."))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref(PARAMETER_PROBLEM))
				.description("For bad parameters: each offending parameter and what is wrong with it."))
			.addProperty("matchedRows", new IntegerSchema().format("int64")
				.description("For `TOO_MANY_ROWS`: the rows the search matches."))
			.addProperty("limit", new IntegerSchema().format("int64")
				.description("For `TOO_MANY_ROWS`, `TOO_MANY_ACTIVE_EXPORTS` and `QUEUE_FULL`: the limit that was reached; for "
						+ "`TOO_MANY_REQUESTS`, the requests allowed a minute."))
			.addProperty("burst", new IntegerSchema()
				.description("For `TOO_MANY_REQUESTS`: the requests allowed at once after a quiet spell."));
	}

	private static Schema<?> parameterProblem() {
		return new ObjectSchema().description("One offending request parameter.")
			.required(List.of("parameter", "message"))
			.addProperty("parameter", new StringSchema().description("The parameter's name.").example("sio2.min"))
			.addProperty("message", new StringSchema().description("What is wrong with it.").example("must be a number"));
	}

}
