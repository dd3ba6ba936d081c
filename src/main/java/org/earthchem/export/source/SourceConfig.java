package org.earthchem.export.source;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the source catalog. */
@Configuration(proxyBeanMethods = false)
class SourceConfig {

	@Bean
	SourceCatalog sourceCatalog(SourceProperties properties, SearchCluster cluster) {
		return new SourceCatalog(properties, cluster);
	}

}
