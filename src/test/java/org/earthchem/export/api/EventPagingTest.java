package org.earthchem.export.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's events come a page at a time, oldest first, with a {@code Link} to the next page while one follows. */
class EventPagingTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	private String taskId;

	@BeforeEach
	void aTaskOfItsOwnOwner() {
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"q=" + queryKey, queryKey, "events-" + queryKey, null, this.tasks.now(), 10L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.taskId = task.taskId();
	}

	@AfterEach
	void cancelIt() {
		// stored without a message: leave nothing Pending for the tests that look at the queue
		this.tasks.requestCancel(this.taskId, "test");
	}

	@Test
	void twentyFiveEventsComeInPagesOfTenTenAndFiveOldestFirstWithALinkUntilTheLast() {
		List<String> recorded = new ArrayList<>(List.of("CREATED"));
		for (int i = 1; i < 25; i++) {
			this.tasks.recordEvent(this.taskId, TaskEventType.DOWNLOADED, "download " + i);
			recorded.add("download " + i);
		}

		List<String> listed = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		List<Boolean> linked = new ArrayList<>();
		String next = "/api/v1/exports/" + this.taskId + "/events?limit=10";
		while (next != null) {
			ResponseEntity<JsonNode> page = events(next);
			assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
			page.getBody().forEach((event) -> listed.add("CREATED".equals(event.path("type").asString())
					? "CREATED" : event.path("detail").asString()));
			sizes.add(page.getBody().size());
			String link = page.getHeaders().getFirst("Link");
			linked.add(link != null);
			next = (link != null) ? link.substring(link.indexOf('<') + 1, link.indexOf('>')) : null;
		}

		assertThat(sizes).containsExactly(10, 10, 5);
		assertThat(linked).containsExactly(true, true, false);
		assertThat(listed).containsExactlyElementsOf(recorded);
	}

	@Test
	void theLinkPointsToTheNextPageAsApiMdShowsIt() {
		this.tasks.recordEvent(this.taskId, TaskEventType.DOWNLOADED, "download 1");

		ResponseEntity<JsonNode> first = events("/api/v1/exports/" + this.taskId + "/events?limit=1");

		assertThat(first.getHeaders().getFirst("Link"))
			.matches("</api/v1/exports/" + this.taskId + "/events\\?limit=1&cursor=[A-Za-z0-9_-]+>; rel=\"next\"");
	}

	@Test
	void withoutALimitOneCallAnswersAThousandEvents() {
		for (int i = 1; i <= 1000; i++) {
			this.tasks.recordEvent(this.taskId, TaskEventType.DOWNLOADED, "download " + i);
		}

		ResponseEntity<JsonNode> first = events("/api/v1/exports/" + this.taskId + "/events");
		String link = first.getHeaders().getFirst("Link");
		ResponseEntity<JsonNode> second = events(link.substring(link.indexOf('<') + 1, link.indexOf('>')));

		assertThat(first.getBody().size()).isEqualTo(1000);
		assertThat(second.getBody().size()).isEqualTo(1);
		assertThat(second.getBody().get(0).path("detail").asString()).isEqualTo("download 1000");
		assertThat(second.getHeaders().getFirst("Link")).isNull();
	}

	@Test
	void aLimitOutsideOneToAThousandIsA400NamingTheLimit() {
		for (String limit : List.of("0", "1001", "ten")) {
			ResponseEntity<JsonNode> answer = events("/api/v1/exports/" + this.taskId + "/events?limit=" + limit);

			assertThat(answer.getStatusCode()).as(limit).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(answer.getBody().path("errors").findValuesAsString("parameter")).as(limit).containsExactly("limit");
		}
	}

	@Test
	void aCursorThisTrailDidNotHandOutIsA400NamingTheCursor() {
		for (String cursor : List.of("not-a-cursor", "VEFTSw", "RVZFTlQj")) {
			ResponseEntity<JsonNode> answer = events("/api/v1/exports/" + this.taskId + "/events?cursor=" + cursor);

			assertThat(answer.getStatusCode()).as(cursor).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(answer.getBody().path("errors").findValuesAsString("parameter")).as(cursor)
				.containsExactly("cursor");
		}
	}

	private ResponseEntity<JsonNode> events(String pathAndQuery) {
		return http(OPERATOR_KEY).get().uri(pathAndQuery).retrieve().toEntity(JsonNode.class);
	}

}
