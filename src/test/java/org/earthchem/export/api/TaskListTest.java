package org.earthchem.export.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing tasks: newest first, a page at a time, filtered, and only one's own unless an operator. */
class TaskListTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	private String owner;

	/** Oldest first, as created. */
	private final List<String> created = new ArrayList<>();

	@BeforeEach
	void sevenTasksOfAFreshOwner() {
		this.owner = "owner-" + UUID.randomUUID();
		Instant start = this.tasks.now();
		for (int i = 0; i < 7; i++) {
			String queryKey = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
			Instant at = start.plusMillis(i);
			ExportTask task = ExportTask.pending(TaskIds.newId(i % 2 == 0 ? "petdb" : "synthesis", queryKey, at),
					i % 2 == 0 ? "petdb" : "synthesis", "csv", "q=" + i, queryKey, this.owner, null, at, 10L);
			assertThat(StoredTasks.create(this.tasks, task)).isTrue();
			this.created.add(task.taskId());
		}
	}

	@org.junit.jupiter.api.AfterEach
	void cancelWhatStillWaits() {
		// these tasks were never queued: leave none Pending for tests that look at the queue
		StoredTasks stored = new StoredTasks(this.owner);
		this.created.forEach(stored::add);
		stored.end(this.tasks);
	}

	@Test
	void pagesGoNewestFirstAndNeitherRepeatNorSkipATask() {
		List<String> listed = new ArrayList<>();
		String cursor = null;
		List<Integer> sizes = new ArrayList<>();
		do {
			JsonNode page = list(OPERATOR_KEY, "owner=" + this.owner + "&limit=3" + (cursor != null ? "&cursor=" + cursor : ""))
				.getBody();
			page.path("items").forEach((task) -> listed.add(task.path("taskId").asString()));
			sizes.add(page.path("items").size());
			cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
		}
		while (cursor != null);

		assertThat(sizes).containsExactly(3, 3, 1);
		assertThat(listed).containsExactlyElementsOf(newestFirst());
	}

	@Test
	void statusAndSourceFilterTheList() {
		this.tasks.transition(this.created.get(0), TaskStatus.PENDING, TaskStatus.CANCELLED,
				TaskChange.cancelled(this.tasks.now()));
		this.tasks.transition(this.created.get(1), TaskStatus.PENDING, TaskStatus.CANCELLED,
				TaskChange.cancelled(this.tasks.now()));

		JsonNode cancelled = list(OPERATOR_KEY, "owner=" + this.owner + "&status=Cancelled").getBody();
		JsonNode synthesis = list(OPERATOR_KEY, "owner=" + this.owner + "&source=synthesis").getBody();

		assertThat(ids(cancelled)).containsExactly(this.created.get(1), this.created.get(0));
		assertThat(ids(synthesis)).containsExactly(this.created.get(5), this.created.get(3), this.created.get(1));
	}

	@Test
	void aUserSeesOnlyTheirOwnTasks() {
		JsonNode mine = list(PETDB_KEY, "limit=100").getBody();

		mine.path("items").forEach((task) -> assertThat(task.path("owner").asString()).isEqualTo("demo-petdb"));
		assertThat(ids(mine)).doesNotContainAnyElementsOf(this.created);
	}

	@Test
	void aUserAskingForAnotherOwnersTasksIsForbidden() {
		ResponseEntity<JsonNode> response = list(PETDB_KEY, "owner=" + this.owner);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getBody().path("code").asString()).isEqualTo("NOT_ALLOWED");
	}

	@Test
	void anOperatorWithoutOwnerSeesEveryOwnerNewestFirst() {
		JsonNode all = list(OPERATOR_KEY, "limit=100&status=Pending").getBody();

		List<String> createdAt = new ArrayList<>();
		all.path("items").forEach((task) -> createdAt.add(task.path("createdAt").asString()));
		assertThat(ids(all)).containsSubsequence(newestFirst());
		assertThat(createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

	@Test
	void aBadStatusLimitOrCursorIsA400NamingTheParameter() {
		ResponseEntity<JsonNode> badStatus = list(OPERATOR_KEY, "status=Done&limit=500");
		ResponseEntity<JsonNode> badCursor = list(OPERATOR_KEY, "cursor=not-a-cursor");

		assertThat(badStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(badStatus.getBody().path("errors").findValuesAsString("parameter")).containsExactly("status", "limit");
		assertThat(badCursor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(badCursor.getBody().path("errors").findValuesAsString("parameter")).containsExactly("cursor");
	}

	private List<String> newestFirst() {
		List<String> ids = new ArrayList<>(this.created);
		java.util.Collections.reverse(ids);
		return ids;
	}

	private ResponseEntity<JsonNode> list(String apiKey, String query) {
		return http(apiKey).get().uri("/api/v1/exports?" + query).retrieve().toEntity(JsonNode.class);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("items").forEach((task) -> ids.add(task.path("taskId").asString()));
		return ids;
	}

}
