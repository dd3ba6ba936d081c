package org.earthchem.export;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** LOG_FORMAT chooses between JSON lines and readable lines. */
class LogFormatTest {

	@Test
	void logFormatJsonSwitchesTheConsoleToEcsJson() {
		MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "json");

		new LogFormat().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void withoutLogFormatTheConsoleStaysReadable() {
		MockEnvironment environment = new MockEnvironment();

		new LogFormat().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void anExplicitStructuredFormatWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "json")
			.withProperty("logging.structured.format.console", "logstash");

		new LogFormat().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

}
