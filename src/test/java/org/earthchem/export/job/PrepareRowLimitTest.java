package org.earthchem.export.job;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.support.Http;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code export.max-total-rows} holds again when an export starts: an export accepted while its search matched the
 * limit, whose index then grew past it, fails at once with {@code TOO_MANY_ROWS}, stores nothing and is not retried.
 */
class PrepareRowLimitTest extends IntegrationTest {

	private static final String INDEX = "growing-samples";

	private static final int LIMIT = 5;

	/** The service's own queue, without {@code .fifo}. */
	private static final String QUEUE = "prepare-limit";

	@TempDir
	Path home;

	@Autowired
	private TaskStore tasks;

	@Autowired
	private SqsTemplate sqs;

	@Autowired
	private ExportBucket bucket;

	@Test
	void anExportWhoseIndexGrewPastTheLimitAfterItWasAcceptedFailsWithTooManyRowsInOneAttemptAndStoresNothing()
			throws Exception {
		index("/" + INDEX, 200, """
				{"settings":{"number_of_shards":1,"number_of_replicas":0},
				 "mappings":{"properties":{"sample_id":{"type":"keyword"},"site":{"type":"keyword"}}}}""");
		for (int i = 1; i <= LIMIT; i++) {
			addDocument(i);
		}
		// a queue of its own: the test's own service listens on the shared one
		Map<String, String> properties = ServiceJvm.settings(QUEUE);
		properties.put("export.sources-dir", sources().toString());
		properties.put("export.max-total-rows", String.valueOf(LIMIT));
		try (ServiceJvm service = new ServiceJvm(properties, Path.of("target", "prepare-limit-service.log")
			.toAbsolutePath(), "512m", this.home.resolve("service")).awaitReady()) {
			// accepted as POST accepts it: Pending, the count then within the limit
			ExportTask accepted = accept();
			// the index grows before the export starts
			addDocument(LIMIT + 1);
			this.sqs.send((to) -> to.queue(QUEUE + ".fifo")
				.payload(accepted.taskId())
				.messageGroupId(accepted.taskId())
				.messageDeduplicationId(accepted.taskId() + "-0"));

			// the failure mail goes out only once a failure stands
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
				.until(() -> types(accepted.taskId()), (types) -> types.contains(TaskEventType.NOTIFICATION_SENT));
			ExportTask failed = this.tasks.find(accepted.taskId()).orElseThrow();

			assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
			assertThat(failed.error()).isEqualTo(new TaskError(ErrorCode.TOO_MANY_ROWS, "This search now matches 6 rows, "
					+ "more than the 5 one export may hold (the data grew after you asked). Please narrow the search "
					+ "and request the export again."));
			assertThat(failed.attempts()).isEqualTo(1);
			assertThat(types(accepted.taskId())).doesNotContain(TaskEventType.RETRY_SCHEDULED,
					TaskEventType.FILE_STORED);
			String folder = this.bucket.folder(failed.source(), failed.createdAt(), failed.taskId());
			assertThat(this.bucket.objects(folder)).isEmpty();
			assertThat(this.bucket.unfinishedUploads(folder)).isEmpty();
		}
	}

	private ExportTask accept() {
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("growing", queryKey, this.tasks.now()), "growing", "csv", "",
				queryKey, "prepare-limit-test", "prepare-limit@example.org", this.tasks.now(), (long) LIMIT);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		return task;
	}

	private List<TaskEventType> types(String taskId) {
		return this.tasks.events(taskId).stream().map(TaskEvent::type).toList();
	}

	private Path sources() throws IOException {
		Path dir = this.home.resolve("sources");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("growing.yml"), """
				name: growing
				title: Growing
				index: growing-samples
				sortField: sample_id
				parameters:
				  site: { field: site, kind: term }
				columns: mapping
				""");
		return dir;
	}

	private void addDocument(int i) throws Exception {
		index("/" + INDEX + "/_doc/G-" + i + "?refresh=true", 201, "{\"sample_id\":\"G-" + i + "\",\"site\":\"a\"}");
	}

	private void index(String path, int expectedStatus, String body) throws Exception {
		HttpResponse<String> response = Http.json("PUT", stack().openSearchUrl() + path, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
	}

}
