package org.earthchem.export.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.earthchem.export.client.ApiClient;
import org.earthchem.export.client.ApiException;
import org.earthchem.export.client.ApiResponse;
import org.earthchem.export.client.api.ExportsApi;
import org.earthchem.export.client.api.ExportsApi.APICreateExportRequest;
import org.earthchem.export.client.model.EventView;
import org.earthchem.export.client.model.FileView;
import org.earthchem.export.client.model.Problem;
import org.earthchem.export.client.model.TaskView;
import org.earthchem.export.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Java client that openapi-generator makes from the committed description (JDK HTTP client, generated into the
 * test sources at build time) runs an export from its creation to its files, and reads the service's problems.
 */
class GeneratedClientTest extends IntegrationTest {

	private ApiClient client(String apiKey) {
		ApiClient client = new ApiClient();
		client.updateBaseUri(baseUrl());
		client.setRequestInterceptor((request) -> request.header("X-API-Key", apiKey));
		return client;
	}

	@Test
	void anExportIsCreatedFollowedAndItsFilesListedThroughTheGeneratedClient() throws ApiException {
		ExportsApi exports = new ExportsApi(client(PETDB_KEY));

		ApiResponse<TaskView> created = exports.createExportWithHttpInfo(APICreateExportRequest.newBuilder()
			.source("petdb")
			.material(List.of("rock"))
			.sio2Min(new BigDecimal("45"))
			.columns(List.of("sample_id", "chemistry.whole_rock.major"))
			.fileType("ndjson")
			.compression("gzip")
			.build());

		assertThat(created.getStatusCode()).isEqualTo(202);
		assertThat(created.getHeaders().get("Location"))
			.containsExactly("/api/v1/exports/" + created.getData().getTaskId());
		assertThat(created.getData().getQuery()).contains("material=rock").contains("sio2.min=45");
		String taskId = created.getData().getTaskId();
		TaskView task = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> exports.getExport(taskId), (t) -> !Set.of("Pending", "Processing").contains(t.getStatus()));
		assertThat(task.getStatus()).isEqualTo("Succeeded");
		assertThat(task.getFileType()).isEqualTo("ndjson");
		assertThat(task.getCompression()).isEqualTo("gzip");
		assertThat(task.getFiles()).isNotEmpty().allSatisfy((file) -> {
			assertThat(file.getName()).startsWith(taskId).endsWith(".ndjson.gz");
			assertThat(file.getRows()).isPositive();
			assertThat(file.getSha256()).hasSize(64);
			assertThat(file.getDownloadUrl()).isNotBlank();
		});
		assertThat(task.getFiles().stream().mapToLong(FileView::getRows).sum())
			.isEqualTo(task.getProgress().getTotalRows());
		assertThat(exports.listExportEvents(ExportsApi.APIListExportEventsRequest.newBuilder().taskId(taskId).build())
			.stream()
			.map(EventView::getType)).contains("CREATED", "FILE_STORED");
	}

	@Test
	void aRefusedRequestIsAProblemTheGeneratedModelReads() throws Exception {
		ExportsApi exports = new ExportsApi(client(PETDB_KEY));

		// three numbers where a box needs four: the client sends what it is given, the service refuses it
		ApiException refused = catchThrowableOfType(ApiException.class,
				() -> exports.createExport(APICreateExportRequest.newBuilder()
					.source("petdb")
					.bbox(List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN))
					.build()));

		assertThat(refused.getCode()).isEqualTo(400);
		Problem problem = client(PETDB_KEY).getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(problem.getTraceId()).as("the request's trace, to quote to the operators").isNotBlank();
		assertThat(problem.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getParameter()).isEqualTo("bbox");
			assertThat(error.getMessage()).isNotBlank();
		});
	}

}
