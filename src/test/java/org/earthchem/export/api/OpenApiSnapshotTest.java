package org.earthchem.export.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.earthchem.export.ExportServiceApplication;
import org.earthchem.export.support.Http;
import org.earthchem.export.support.TestStack;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI description, {@code src/test/resources/openapi/export-service.json} (what the Java client of
 * the tests is generated from and what CI lints), is exactly what {@code /v3/api-docs} serves with the project's own
 * sources ({@code batch-config/sources}, not the test-only ones). After an intended change of the API, write the
 * served description over it: {@code ./mvnw -o -q test -Dtest=OpenApiSnapshotTest -Dopenapi.snapshot.update=true}.
 */
class OpenApiSnapshotTest {

	static final Path SNAPSHOT = Path.of("src", "test", "resources", "openapi", "export-service.json");

	private static final String UPDATE = "openapi.snapshot.update";

	private static final String REGENERATE = "./mvnw -o -q test -Dtest=OpenApiSnapshotTest -D" + UPDATE + "=true";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Test
	void theServedDescriptionIsTheCommittedSnapshot() throws Exception {
		JsonNode served = JSON.readTree(servedDescription());

		if (Boolean.getBoolean(UPDATE)) {
			Files.createDirectories(SNAPSHOT.getParent());
			Files.writeString(SNAPSHOT, JSON.writeValueAsString(served) + "\n");
			System.out.println("OpenAPI snapshot written to " + SNAPSHOT.toAbsolutePath());
			return;
		}
		assertThat(SNAPSHOT).as("the snapshot; write it with: " + REGENERATE).exists();
		JsonNode committed = JSON.readTree(Files.readString(SNAPSHOT));
		assertThat(differences("", committed, served))
			.as("the served description differs from %s (first differences below); if the change is intended, "
					+ "regenerate it with: %s", SNAPSHOT, REGENERATE)
			.isEmpty();
	}

	/** The description served by the service started with the project's own source files. */
	private static String servedDescription() throws IOException, InterruptedException {
		Map<String, String> properties = new LinkedHashMap<>(TestStack.get().properties());
		properties.put("export.sources-dir", Path.of("batch-config", "sources").toAbsolutePath().toString());
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", "jdbc:h2:mem:openapi-snapshot;DB_CLOSE_DELAY=-1");
		// this service only describes itself: a queue of its own, and no reconciler pass over the shared task table
		properties.put("export.queue.name", "openapi-snapshot.fifo");
		properties.put("export.queue.dead-letter-name", "openapi-snapshot-dlq.fifo");
		properties.put("export.queue.reconcile-interval", "1d");
		// as command-line arguments: the builder's properties() are defaults, which application*.yml would override
		List<String> args = new ArrayList<>();
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExportServiceApplication.class)
			.profiles("test")
			.run(args.toArray(String[]::new))) {
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> response = Http.get("http://localhost:" + port + "/v3/api-docs");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response.body();
		}
	}

	/** Where two JSON trees differ, as JSON pointers with both values; at most a screenful. */
	private static List<String> differences(String pointer, JsonNode expected, JsonNode actual) {
		List<String> found = new ArrayList<>();
		compare(pointer, expected, actual, found);
		return found.size() > 30 ? found.subList(0, 30) : found;
	}

	private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> found) {
		if (found.size() > 30) {
			return;
		}
		if (expected.isObject() && actual.isObject()) {
			Set<String> names = new LinkedHashSet<>(expected.propertyNames());
			names.addAll(actual.propertyNames());
			for (String name : names) {
				String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!expected.has(name)) {
					found.add(child + ": not in the snapshot");
				}
				else if (!actual.has(name)) {
					found.add(child + ": no longer served");
				}
				else {
					compare(child, expected.get(name), actual.get(name), found);
				}
			}
		}
		else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
			for (int i = 0; i < expected.size(); i++) {
				compare(pointer + "/" + i, expected.get(i), actual.get(i), found);
			}
		}
		else if (!expected.equals(actual)) {
			found.add(pointer + ": snapshot " + abbreviated(expected) + ", served " + abbreviated(actual));
		}
	}

	private static String abbreviated(JsonNode node) {
		String text = node.toString();
		return text.length() <= 200 ? text : text.substring(0, 200) + "…";
	}

}
