package org.earthchem.export;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The export service: turns portal searches into CSV, JSON, JSON Lines or XLSX files (optionally gzip-compressed). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExportServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ExportServiceApplication.class, args);
	}

	/** The health indicators' backend checks, remembered a few seconds (static: it post-processes other beans). */
	@Bean
	static HealthChecks healthChecks(Environment environment) {
		return HealthChecks.from(environment);
	}

}
