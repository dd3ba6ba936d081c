package org.earthchem.export.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** An export asked for while the queue cannot be reached: refused with 503, nothing left behind. */
class QueueOutageTest extends IntegrationTest {

	private static final String QUERY = "value.max=1000000000";

	private static final String OTHER_QUERY = "value.max=999999999";

	@AfterEach
	void restoreQueue() {
		stack().sqsProxy().restore();
		// a long poll cut off at the proxy lives on in ElasticMQ until its wait is over, and a message it takes is
		// invisible for the visibility timeout: the next test starts once an export goes through the queue again
		assertThat(export(OPERATOR_KEY, "nasty", "fileType=json&value.max=777777").path("status").asString())
			.isEqualTo("Succeeded");
	}

	@Test
	void anExportAskedForWhileTheQueueIsUnreachableIsRefusedWith503AndNoTaskIsLeft() {
		stack().sqsProxy().cut();

		ResponseEntity<JsonNode> refused = requestExport(OPERATOR_KEY, "nasty", QUERY);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(refused.getBody().path("code").asString()).isEqualTo("QUEUE_UNAVAILABLE");
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("30");
		JsonNode mine = http(OPERATOR_KEY).get().uri("/api/v1/exports?source=nasty&limit=100").retrieve()
			.body(JsonNode.class);
		assertThat(mine.path("items").findValuesAsString("query")).doesNotContain(QUERY);
	}

	@Test
	void theSameExportAskedForAgainOnceTheQueueIsBackSucceeds() {
		stack().sqsProxy().cut();
		assertThat(requestExport(OPERATOR_KEY, "nasty", OTHER_QUERY).getStatusCode())
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		stack().sqsProxy().restore();

		ResponseEntity<JsonNode> accepted = requestExport(OPERATOR_KEY, "nasty", OTHER_QUERY);

		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode finished = awaitFinished(OPERATOR_KEY, accepted.getBody().path("taskId").asString());
		assertThat(finished.path("status").asString()).isEqualTo("Succeeded");
	}

}
