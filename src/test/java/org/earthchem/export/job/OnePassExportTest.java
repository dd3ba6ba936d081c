package org.earthchem.export.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.Sha256;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.ManyRowsIndex;
import org.earthchem.export.support.ServiceJvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 80,000 rows through a service with a 256 MB heap, as two files of 40,000: each file streams from the search to the
 * bucket, and nothing of it touches the service's disk.
 */
class OnePassExportTest extends IntegrationTest {

	@TempDir
	Path home;

	@Test
	void eightyThousandRowsInA256MbHeapAreTwoFilesWrittenWithoutTouchingTheLocalDisk() throws Exception {
		Path sources = this.home.resolve("sources");
		ManyRowsIndex.seed(stack().openSearchUrl(), sources);
		Path service = this.home.resolve("service");
		Map<String, String> properties = ServiceJvm.settings("one-pass");
		properties.put("spring.datasource.url", "jdbc:h2:file:" + service.resolve("jobs"));
		properties.put("export.sources-dir", sources.toString());
		properties.put("export.max-rows-per-file", "40000");
		properties.put("export.page-size", "1000");
		properties.put("export.security.api-keys[0].key", "many-rows-key");
		properties.put("export.security.api-keys[0].owner", "many-rows");
		properties.put("export.security.api-keys[0].email", "operator@example.org");
		properties.put("export.security.api-keys[0].sources[0]", ManyRowsIndex.SOURCE);
		properties.put("export.security.api-keys[0].operator", "true");

		JsonNode task;
		Map<Path, FileStamp> before;
		Map<Path, FileStamp> after;
		Path log = Path.of("target", "one-pass-service.log").toAbsolutePath();
		try (ServiceJvm jvm = new ServiceJvm(properties, log, "256m", service).withApiKey("many-rows-key").awaitReady()) {
			before = sizes(service);
			String created = jvm.send("POST", "/api/v1/exports/many").body();
			String taskId = this.json.readTree(created).path("taskId").asString();
			assertThat(taskId).as(created).isNotEmpty();
			task = await().atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofMillis(200))
				.until(() -> this.json.readTree(jvm.send("GET", "/api/v1/exports/" + taskId).body()),
						(t) -> !t.path("status").asString().matches("Pending|Processing"));
			after = sizes(service);
		}

		assertThat(task.path("status").asString()).isEqualTo("Succeeded");
		assertThat(task.path("files")).hasSize(2);
		for (JsonNode file : task.path("files")) {
			byte[] bytes = fetch(file.path("downloadUrl").asString()).getBody();
			assertThat(file.path("rows").asLong()).isEqualTo(40_000);
			assertThat(Sha256.hex(bytes))
				.isEqualTo(file.path("sha256").asString());
			assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r\n", -1))
				.as("header, 40,000 rows and the empty end after the last CRLF").hasSize(40_002);
		}
		long exported = task.path("files").findValues("bytes").stream().mapToLong(JsonNode::asLong).sum();
		Map<Path, Long> written = new TreeMap<>();
		after.forEach((file, stamp) -> {
			if (!stamp.equals(before.get(file))) {
				written.put(file, stamp.size() - (before.containsKey(file) ? before.get(file).size() : 0));
			}
		});
		// only the job repository changed, recording steps and checkpoints, never rows
		assertThat(written.keySet()).allMatch((file) -> file.getFileName().toString().startsWith("jobs."),
				"a file of the job repository");
		assertThat(written.values().stream().mapToLong(Long::longValue).sum()).isLessThan(exported / 20);
	}

	/** Every file under a folder (working directory and temporary folder of the service) with its size and time. */
	private static Map<Path, FileStamp> sizes(Path folder) throws IOException {
		Map<Path, FileStamp> stamps = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				stamps.put(folder.relativize(file),
						new FileStamp(Files.size(file), Files.getLastModifiedTime(file).toMillis()));
			}
		}
		return stamps;
	}

	private record FileStamp(long size, long modified) {
	}

}
