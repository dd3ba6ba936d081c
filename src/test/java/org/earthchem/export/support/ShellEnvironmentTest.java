package org.earthchem.export.support;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a developer's shell may hold for make run never reaches a service a test starts. */
class ShellEnvironmentTest {

	@Test
	void everyVariableApplicationYmlReadsIsRemovedFromAServicesEnvironment() {
		assertThat(EnvironmentSettings.ofApplicationYml().values()).isNotEmpty()
			.allSatisfy((variable) -> assertThat(ShellEnvironment.pointsElsewhere(variable)).as(variable).isTrue());
	}

	@Test
	void theAwsSdksOwnVariablesAndSpringBootsBindingsAreRemovedAndTheRestIsKept() {
		Map<String, String> environment = new HashMap<>(Map.of("AWS_ENDPOINT_URL", "x", "AWS_ENDPOINT_URL_S3", "x",
				"AWS_ACCESS_KEY_ID", "x", "AWS_PROFILE", "x", "SPRING_APPLICATION_JSON", "{}", "SPRING_MAIL_HOST", "x",
				"EXPORT_OPENSEARCH_URL", "x", "MANAGEMENT_OTLP_TRACING_ENDPOINT", "x", "PATH", "/usr/bin", "HOME",
				"/home/dev"));

		ShellEnvironment.clean(environment);

		assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin", "HOME", "/home/dev"));
	}

}
