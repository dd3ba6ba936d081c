package org.earthchem.export.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A request the service cannot run is answered with a problem at once, and nothing is queued. */
class ExportRequestValidationTest extends IntegrationTest {

	private static final String OWNER = "demo-petdb";

	@Autowired
	private TaskStore tasks;

	@Autowired
	private JobRepository jobs;

	@AfterEach
	void restoreCluster() {
		stack().proxy().restore();
	}

	/** What would show a queued task: a new export job, or a new active task of the owner. */
	private record Queued(int jobInstances, Set<String> activeTasks) {
	}

	private Queued queued() {
		Set<String> active = new HashSet<>();
		for (ExportTask task : this.tasks.activeTasksOf(OWNER)) {
			active.add(task.taskId());
		}
		// a new task is recorded before the answer (its job starts a moment later, once a node takes its message)
		return new Queued(this.jobs.findJobInstances("export").size(), active);
	}

	private void assertNothingQueuedSince(Queued before) {
		Queued after = queued();
		assertThat(after.jobInstances()).as("export jobs started").isEqualTo(before.jobInstances());
		assertThat(before.activeTasks()).as("active tasks of " + OWNER).containsAll(after.activeTasks());
	}

	private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		JsonNode problem = response.getBody();
		assertThat(problem.path("status").asInt()).isEqualTo(status.value());
		assertThat(problem.path("code").asString()).isEqualTo(code);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	private static List<String> offendingParameters(ResponseEntity<JsonNode> response) {
		return StreamSupport.stream(response.getBody().path("errors").spliterator(), false)
			.map((error) -> error.path("parameter").asString())
			.toList();
	}

	@Test
	void aValidRequestStartsExactlyOneExportJob() {
		// the counterpart of every "nothing is queued" below: the same probe does see a queued request
		Queued before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "petdb", "material=rock&rockClass=hydrothermal");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		// a node takes the message and starts the job a moment after the answer
		awaitFinished(PETDB_KEY, response.getBody().path("taskId").asString());
		assertThat(queued().jobInstances()).isEqualTo(before.jobInstances() + 1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			colour=red                     | colour
			sio2.min=abc                   | sio2.min
			collected.min=2020-13-45       | collected.min
			bbox=-10,20,30                 | bbox
			columns=nope                   | columns
			fileType=xml                   | fileType
			""")
	void aBadParameterIsA400ProblemNamingItAndNothingIsQueued(String query, String parameter) {
		Queued before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "petdb", "material=rock&" + query);

		assertProblem(response, HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS");
		assertThat(offendingParameters(response)).containsExactly(parameter);
		assertThat(response.getBody().path("errors").get(0).path("message").asString()).isNotBlank();
		assertNothingQueuedSince(before);
	}

	@Test
	void severalBadParametersAreAllListedAndNothingIsQueued() {
		Queued before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "petdb",
				"colour=red&sio2.min=abc&collected.min=2020-13-45&bbox=1,2,3&columns=nope&fileType=xml&material=rock");

		assertProblem(response, HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS");
		assertThat(offendingParameters(response)).containsExactlyInAnyOrder("colour", "sio2.min", "collected.min",
				"bbox", "columns", "fileType");
		assertNothingQueuedSince(before);
	}

	@Test
	void aBadParameterMessageSaysWhatIsExpected() {
		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "petdb", "sio2.min=abc");

		assertThat(response.getBody().path("errors").get(0).path("message").asString()).isEqualTo("must be a number");
	}

	@Test
	void anUnknownSourceIsA404ProblemAndNothingIsQueued() {
		Queued before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "no-such-source", "material=rock");

		assertProblem(response, HttpStatus.NOT_FOUND, "UNKNOWN_SOURCE");
		assertNothingQueuedSince(before);
	}

	@Test
	void anUnreachableSearchClusterIsA503ProblemWithRetryAfterAndNothingIsQueued() {
		Queued before = queued();
		ResponseEntity<JsonNode> response;
		try {
			stack().proxy().cut();
			response = requestExport(PETDB_KEY, "petdb", "material=rock&rockClass=metamorphic");
		}
		finally {
			stack().proxy().restore();
		}

		assertProblem(response, HttpStatus.SERVICE_UNAVAILABLE, "SOURCE_UNAVAILABLE");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull().matches("[1-9][0-9]*");
		assertNothingQueuedSince(before);
	}

}
