package org.earthchem.export.source;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the source catalog and its check against the search cluster. */
@Configuration(proxyBeanMethods = false)
class SourceConfig {

	@Bean
	SourceCatalog sourceCatalog(SourceProperties properties) {
		return new SourceCatalog(properties);
	}

	@Bean
	SourceCheck sourceCheck(SourceCatalog catalog, SearchCluster cluster, SourceCheckProperties properties,
			ConfigurableApplicationContext context) {
		return new SourceCheck(catalog, cluster, properties, (problem) -> stop(context));
	}

	/**
	 * A wrong source found once the search cluster answers ends the node as one found at start does: not live, the
	 * context closed (a graceful stop), and the JVM ends with exit code 1, for its supervisor to see.
	 */
	private static void stop(ConfigurableApplicationContext context) {
		AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
		Thread stopping = new Thread(() -> System.exit(SpringApplication.exit(context, () -> 1)), "source-check-stop");
		// not a daemon like the check's thread it is made on: the JVM must not end (with 0) before it calls exit
		stopping.setDaemon(false);
		stopping.start();
	}

}
