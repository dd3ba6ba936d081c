package org.earthchem.export.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.TestStack;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's audit trail stays bounded: repeated downloads of one file within a minute are one event with a count. */
class RepeatedDownloadsTest extends IntegrationTest {

	@Test
	void fiveDownloadsOfOneFileWithinAMinuteAreOneEventThatCountsThem() {
		String taskId = export(ALL_KEY, "petdb", "material=glass&columns=sample_id&fileType=json").path("taskId")
			.asString();

		for (int i = 0; i < 5; i++) {
			assertThat(download(ALL_KEY, taskId, 1).getStatusCode()).isEqualTo(HttpStatus.OK);
		}

		List<JsonNode> downloaded = events(taskId, "DOWNLOADED");
		assertThat(downloaded).hasSize(1);
		assertThat(downloaded.get(0).path("detail").asString()).endsWith("(5 downloads within a minute)");
	}

	@Test
	void repeatedRedirectsWithinAMinuteReuseOneLinkAndOneEvent() {
		JsonNode task = export(ALL_KEY, "petdb", "columns=sample_id,igsn");
		String taskId = task.path("taskId").asString();
		assertThat(task.path("progress").path("rowsWritten").asLong()).isEqualTo(TestStack.PETDB_DOCUMENTS);
		int linksBefore = events(taskId, "DOWNLOAD_LINK_ISSUED").size();

		ResponseEntity<byte[]> first = redirect(taskId);
		ResponseEntity<byte[]> second = redirect(taskId);
		ResponseEntity<byte[]> third = redirect(taskId);

		assertThat(second.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(third.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(events(taskId, "DOWNLOAD_LINK_ISSUED")).hasSize(linksBefore + 1);
		List<JsonNode> downloaded = events(taskId, "DOWNLOADED");
		assertThat(downloaded).hasSize(1);
		assertThat(downloaded.get(0).path("detail").asString()).endsWith("(3 downloads within a minute)");
	}

	@Test
	void anotherCallersDownloadOfTheSameFileIsAnEventOfItsOwn() {
		String taskId = export(ALL_KEY, "petdb", "material=glass&columns=igsn&fileType=json").path("taskId")
			.asString();

		download(ALL_KEY, taskId, 1);
		download(OPERATOR_KEY, taskId, 1);

		assertThat(events(taskId, "DOWNLOADED")).hasSize(2);
	}

	private ResponseEntity<byte[]> redirect(String taskId) {
		ResponseEntity<byte[]> response = http(ALL_KEY).get()
			.uri("/api/v1/exports/" + taskId + "/download")
			.retrieve()
			.toEntity(byte[].class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		return response;
	}

	private List<JsonNode> events(String taskId, String type) {
		JsonNode events = http(OPERATOR_KEY).get().uri("/api/v1/exports/" + taskId + "/events").retrieve()
			.body(JsonNode.class);
		List<JsonNode> matching = new java.util.ArrayList<>();
		events.forEach((event) -> {
			if (type.equals(event.path("type").asString())) {
				matching.add(event);
			}
		});
		return matching;
	}

}
