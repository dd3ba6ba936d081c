package org.earthchem.export.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Identical requests of one owner do not run twice, however close together they come. */
class DuplicateRequestTest extends IntegrationTest {

	@Test
	void twoIdenticalRequestsAtTheSameMomentCreateOneTask() throws Exception {
		for (int round = 0; round < 3; round++) {
			// a query of its own each round: the first request's task is still active when the second arrives
			String query = "material=rock&sio2.min=" + (40 + round) + ".25&columns=sample_id";
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<ResponseEntity<JsonNode>>> answers = List.of(
					CompletableFuture.supplyAsync(() -> post(start, query)),
					CompletableFuture.supplyAsync(() -> post(start, query)));
			start.countDown();

			ResponseEntity<JsonNode> first = answers.get(0).get();
			ResponseEntity<JsonNode> second = answers.get(1).get();

			assertThat(List.of(first.getStatusCode(), second.getStatusCode())).as("round %d", round)
				.containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.OK);
			assertThat(second.getBody().path("taskId").asString()).as("round %d", round)
				.isEqualTo(first.getBody().path("taskId").asString());
		}
	}

	@Test
	void theSameRequestAfterTheFirstFinishedCreatesANewTask() {
		String query = "material=glass&sio2.min=47.75&columns=igsn";
		ResponseEntity<JsonNode> first = requestExport(ALL_KEY, "petdb", query);
		String firstId = first.getBody().path("taskId").asString();
		http(ALL_KEY).post().uri("/api/v1/exports/" + firstId + "/cancel").retrieve().toBodilessEntity();
		awaitFinished(ALL_KEY, firstId);

		ResponseEntity<JsonNode> again = requestExport(ALL_KEY, "petdb", query);

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(again.getBody().path("taskId").asString()).isNotEqualTo(firstId);
	}

	private ResponseEntity<JsonNode> post(CountDownLatch start, String query) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return requestExport(ALL_KEY, "petdb", query);
	}

}
