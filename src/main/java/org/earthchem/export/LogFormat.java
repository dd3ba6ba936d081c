package org.earthchem.export;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} switches the console to one JSON object per line (Elastic Common Schema, with the MDC and
 * so every task's {@code taskId}); anything else keeps Spring Boot's readable lines. An explicit
 * {@code logging.structured.format.console} still wins.
 */
public class LogFormat implements EnvironmentPostProcessor {

	static final String VARIABLE = "LOG_FORMAT";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if ("json".equalsIgnoreCase(environment.getProperty(VARIABLE))) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("logFormat", Map.of("logging.structured.format.console", "ecs")));
		}
	}

}
