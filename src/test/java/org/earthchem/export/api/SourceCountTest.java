package org.earthchem.export.api;

import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.QueuedExports;
import org.earthchem.export.support.TestStack;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earthchem.export.support.Problems.assertProblem;
import static org.earthchem.export.support.Problems.assertSourceUnavailable;
import static org.earthchem.export.support.Problems.offendingParameters;

/** {@code GET /sources/{source}/count} answers what an export of the same parameters would match, and queues nothing. */
class SourceCountTest extends IntegrationTest {

	private static final String OWNER = "demo-petdb";

	/** {@code sio2.min=45&material=rock,glass} as a {@code _count} body of OpenSearch's own query language. */
	private static final String ROCK_AND_GLASS_FROM_45_PERCENT_SILICA = """
			{"query":{"bool":{"filter":[{"terms":{"material":["rock","glass"]}},
			{"range":{"chemistry.whole_rock.major.SiO2.value":{"gte":45}}}]}}}""";

	@Autowired
	private TaskStore tasks;

	@Autowired
	private JobRepository jobs;

	private ResponseEntity<JsonNode> count(String apiKey, String source, String query) {
		return http(apiKey).get()
			.uri("/api/v1/sources/" + source + "/count" + (query.isEmpty() ? "" : "?" + query))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	/** What would show a queued export: a new export job, a new active task, or a new task in the owner's list. */
	private record Queued(QueuedExports exports, String newestTask) {
	}

	private Queued queued() {
		JsonNode newest = http(PETDB_KEY).get().uri("/api/v1/exports?limit=1").retrieve().body(JsonNode.class)
			.path("items");
		return new Queued(QueuedExports.of(this.tasks, this.jobs, OWNER),
				newest.isEmpty() ? null : newest.get(0).path("taskId").asString());
	}

	private void assertNothingQueuedSince(Queued before) {
		assertThat(queued()).isEqualTo(before);
	}

	@Test
	void aCountIsWhatTheIndexItselfCountsForTheSameFiltersAndGivesItsCanonicalQuery() {
		ResponseEntity<JsonNode> counted = count(PETDB_KEY, "petdb", "sio2.min=45&material=rock,glass&fileType=json");

		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = counted.getBody();
		assertThat(body.path("source").asString()).isEqualTo("petdb");
		assertThat(body.path("query").asString()).isEqualTo("material=glass,rock&sio2.min=45");
		assertThat(body.path("limit").asLong()).isEqualTo(2_000_000L);
		long indexCount = openSearchCount("petdb-samples", ROCK_AND_GLASS_FROM_45_PERCENT_SILICA);
		assertThat(indexCount).as("a part of the index").isBetween(1L, TestStack.PETDB_DOCUMENTS - 1L);
		assertThat(body.path("matchedRows").asLong()).isEqualTo(indexCount);
	}

	@Test
	void anExportOfTheSameParametersHoldsTheRowsTheIndexCountsUnderTheCountsCanonicalQuery() {
		String query = count(PETDB_KEY, "petdb", "sio2.min=45&material=rock,glass&fileType=json").getBody()
			.path("query").asString();

		JsonNode task = requestExport(PETDB_KEY, "petdb", "sio2.min=45&material=rock,glass&fileType=json").getBody();
		JsonNode finished = awaitFinished(PETDB_KEY, task.path("taskId").asString());

		assertThat(task.path("query").asString()).isEqualTo(query);
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
		long rows = 0;
		for (int part = 1; part <= finished.path("files").size(); part++) {
			rows += this.json.readTree(download(PETDB_KEY, task.path("taskId").asString(), part).getBody()).size();
		}
		assertThat(rows).as("objects in the exported JSON files")
			.isEqualTo(openSearchCount("petdb-samples", ROCK_AND_GLASS_FROM_45_PERCENT_SILICA));
	}

	@Test
	void aCountWithoutParametersIsEveryRowOfTheSource() {
		ResponseEntity<JsonNode> counted = count(PETDB_KEY, "petdb", "");

		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(counted.getBody().path("query").asString()).isEmpty();
		assertThat(counted.getBody().path("matchedRows").asLong()).isEqualTo(TestStack.PETDB_DOCUMENTS);
	}

	@Test
	void aCountQueuesNothing() {
		Queued before = queued();

		ResponseEntity<JsonNode> counted = count(PETDB_KEY, "petdb", "material=rock&rockClass=plutonic&fileType=csv");

		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertNothingQueuedSince(before);
	}

	@Test
	void badParametersAreA400ProblemNamingEachAndNothingIsQueued() {
		Queued before = queued();

		ResponseEntity<JsonNode> counted = count(PETDB_KEY, "petdb",
				"material=rock&colour=red&sio2.min=abc&bbox=1,2,3&fileType=xml");

		assertProblem(counted, HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS");
		assertThat(offendingParameters(counted)).containsExactly("bbox", "colour", "fileType", "sio2.min");
		assertThat(counted.getBody().path("errors").get(3).path("message").asString()).isEqualTo("must be a number");
		assertNothingQueuedSince(before);
	}

	@Test
	void anUnknownSourceIsA404Problem() {
		ResponseEntity<JsonNode> counted = count(PETDB_KEY, "no-such-source", "material=rock");

		assertProblem(counted, HttpStatus.NOT_FOUND, "UNKNOWN_SOURCE");
	}

	@Test
	void aSourceTheCredentialMayNotExportIsA403Problem() {
		ResponseEntity<JsonNode> counted = count(PETDB_KEY, "synthesis", "material=rock");

		assertProblem(counted, HttpStatus.FORBIDDEN, "NOT_ALLOWED");
	}

	@Test
	void withoutACredentialACountIsA401() {
		ResponseEntity<JsonNode> counted = count(null, "petdb", "material=rock");

		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void anUnreachableSearchClusterIsA503ProblemWithRetryAfterAndNothingIsQueued() {
		Queued before = queued();

		ResponseEntity<JsonNode> counted = stack().proxy().whileCut(() -> count(PETDB_KEY, "petdb", "material=rock"));

		assertSourceUnavailable(counted);
		assertNothingQueuedSince(before);
	}

	@Test
	void theSourcesListEachParameterWithTheTypeOfItsField() {
		JsonNode petdb = StreamSupport.stream(http(PETDB_KEY).get().uri("/api/v1/sources").retrieve()
			.body(JsonNode.class).spliterator(), false)
			.filter((source) -> source.path("name").asString().equals("petdb"))
			.findFirst()
			.orElseThrow();

		assertThat(StreamSupport.stream(petdb.path("parameters").spliterator(), false)
			.map((p) -> p.path("name").asString() + ":" + p.path("kind").asString() + ":"
					+ (p.hasNonNull("type") ? p.path("type").asString() : "-"))
			.toList()).contains("material:term:keyword", "sio2:range:number", "collected:range:date",
					"bbox:geo_bbox:geo_point", "q:text:-", "columns:columns:-");
	}

}
