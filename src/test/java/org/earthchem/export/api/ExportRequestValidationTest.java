package org.earthchem.export.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.Problems;
import org.earthchem.export.support.QueuedExports;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A request the service cannot run is answered with a problem at once, and nothing is queued. */
class ExportRequestValidationTest extends IntegrationTest {

	private static final String OWNER = "demo-petdb";

	@Autowired
	private TaskStore tasks;

	@Autowired
	private JobRepository jobs;

	private QueuedExports queued() {
		return QueuedExports.of(this.tasks, this.jobs, OWNER);
	}

	private void assertNothingQueuedSince(QueuedExports before) {
		QueuedExports after = queued();
		assertThat(after.jobInstances()).as("export jobs started").isEqualTo(before.jobInstances());
		assertThat(before.activeTasks()).as("active tasks of " + OWNER).containsAll(after.activeTasks());
	}

	/** A problem of the status with the code, and the status, a title and a detail in its body. */
	private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
		Problems.assertProblem(response, status, code);
		assertThat(response.getBody().path("status").asInt()).isEqualTo(status.value());
		assertThat(response.getBody().path("title").asString()).isNotBlank();
	}

	@Test
	void aValidRequestStartsExactlyOneExportJob() {
		// the counterpart of every "nothing is queued" below: the same probe does see a queued request
		QueuedExports before = queued();

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
		QueuedExports before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "petdb", "material=rock&" + query);

		assertProblem(response, HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS");
		assertThat(Problems.offendingParameters(response)).containsExactly(parameter);
		assertThat(response.getBody().path("errors").get(0).path("message").asString()).isNotBlank();
		assertNothingQueuedSince(before);
	}

	@Test
	void severalBadParametersAreAllListedAndNothingIsQueued() {
		QueuedExports before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "petdb",
				"colour=red&sio2.min=abc&collected.min=2020-13-45&bbox=1,2,3&columns=nope&fileType=xml&material=rock");

		assertProblem(response, HttpStatus.BAD_REQUEST, "INVALID_PARAMETERS");
		assertThat(Problems.offendingParameters(response)).containsExactlyInAnyOrder("colour", "sio2.min", "collected.min",
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
		QueuedExports before = queued();

		ResponseEntity<JsonNode> response = requestExport(PETDB_KEY, "no-such-source", "material=rock");

		assertProblem(response, HttpStatus.NOT_FOUND, "UNKNOWN_SOURCE");
		assertNothingQueuedSince(before);
	}

	@Test
	void anUnreachableSearchClusterIsA503ProblemWithRetryAfterAndNothingIsQueued() {
		QueuedExports before = queued();

		ResponseEntity<JsonNode> response = stack().proxy()
			.whileCut(() -> requestExport(PETDB_KEY, "petdb", "material=rock&rockClass=metamorphic"));

		assertProblem(response, HttpStatus.SERVICE_UNAVAILABLE, "SOURCE_UNAVAILABLE");
		Problems.assertSourceUnavailable(response);
		assertNothingQueuedSince(before);
	}

}
