package org.earthchem.export.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.devstack.LocalStack;
import org.earthchem.export.devstack.Ports;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A developer's shell pointing at a real cluster ({@code OPENSEARCH_URL}, {@code AWS_ENDPOINT_URL_*},
 * {@code SMTP_HOST}, for make run) cannot make the tests' services search, upload or mail anywhere but the test stack.
 */
class TestStackIsolationTest extends IntegrationTest {

	/** Each service takes a port of its own (a random one in this JVM, one picked by ServiceJvm for the others). */
	private static final String OWN_PER_SERVICE = "server.port";

	@Autowired
	private ConfigurableEnvironment environment;

	@TempDir
	Path home;

	@Test
	void theTestStackPinsEverySettingApplicationYmlTakesFromTheEnvironment() {
		Set<String> fromEnvironment = EnvironmentSettings.ofApplicationYml().keySet();

		assertThat(fromEnvironment.stream().filter((name) -> !stack().properties().containsKey(name)))
			.containsExactly(OWN_PER_SERVICE);
	}

	@Test
	void theServiceTakesEveryTestStackSettingFromASourceThatOutranksTheEnvironment() {
		List<String> sources = this.environment.getPropertySources()
			.stream()
			.map(PropertySource::getName)
			.filter((name) -> !name.equals("configurationProperties"))
			.toList();
		int environmentRank = sources.indexOf(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		Map<String, String> settings = new LinkedHashMap<>(stack().properties());
		EnvironmentSettings.ofApplicationYml().keySet().forEach((name) -> settings.putIfAbsent(name, null));

		Map<String, String> belowTheEnvironment = settings.keySet()
			.stream()
			.filter((name) -> sources.indexOf(sourceOf(name)) < 0 || sources.indexOf(sourceOf(name)) > environmentRank)
			.collect(Collectors.toMap((name) -> name, this::sourceOf));

		assertThat(environmentRank).isNotNegative();
		assertThat(belowTheEnvironment).isEmpty();
		settings.forEach((name, value) -> {
			if (value != null) {
				assertThat(this.environment.getProperty(name)).as(name).isEqualTo(value);
			}
		});
	}

	@Test
	void aServiceStartedFromAShellPointingAtDeadServersExportsAndMailsThroughTheTestStack() throws Exception {
		String dead = Ports.deadEnd();
		Map<String, String> shell = Map.ofEntries(Map.entry("OPENSEARCH_URL", dead),
				Map.entry("EXPORT_OPENSEARCH_URL", dead), Map.entry("AWS_ENDPOINT_URL", dead),
				Map.entry("AWS_ENDPOINT_URL_S3", dead), Map.entry("AWS_ENDPOINT_URL_SQS", dead),
				Map.entry("AWS_ENDPOINT_URL_DYNAMODB", dead), Map.entry("SMTP_HOST", "127.0.0.1"),
				Map.entry("SMTP_PORT", dead.substring(dead.lastIndexOf(':') + 1)),
				Map.entry("SPRING_APPLICATION_JSON", """
						{"export": {"opensearch": {"url": "%1$s"}},
						 "spring": {"mail": {"port": %2$s}, "cloud": {"aws": {"s3": {"endpoint": "%1$s"},
						  "sqs": {"endpoint": "%1$s"}, "dynamodb": {"endpoint": "%1$s"}}}}}
						""".formatted(dead, dead.substring(dead.lastIndexOf(':') + 1))));
		try (ServiceJvm service = new ServiceJvm(ServiceJvm.settings("foreign-shell"), this.home.resolve("service.log"), "512m", null, shell)
			.awaitReady()) {
			JsonNode created = this.json
				.readTree(service.send("POST", "/api/v1/sources/petdb/exports?material=glass&columns=igsn").body());
			String taskId = created.path("taskId").asString();
			JsonNode finished = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> this.json.readTree(service.send("GET", "/api/v1/exports/" + taskId).body()),
						(task) -> !Set.of("Pending", "Processing").contains(task.path("status").asString()));

			assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("Succeeded");
			assertThat(Mails.awaitTextTo(LocalStack.DEMO_MAILBOXES[2], taskId)).contains("material: glass");
		}
	}

	private String sourceOf(String name) {
		return this.environment.getPropertySources()
			.stream()
			.filter((source) -> !source.getName().equals("configurationProperties") && source.containsProperty(name))
			.map(PropertySource::getName)
			.findFirst()
			.orElse("none");
	}

}
