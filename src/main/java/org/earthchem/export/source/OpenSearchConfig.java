package org.earthchem.export.source;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenSearch client (opensearch-java over Apache HttpClient 5; result pages through the JDK's HttpURLConnection). */
@Configuration(proxyBeanMethods = false)
class OpenSearchConfig {

	@Bean(destroyMethod = "close")
	OpenSearchTransport openSearchTransport(OpenSearchProperties properties) {
		return OpenSearchTransports.create(properties);
	}

	@Bean
	OpenSearchClient openSearchClient(OpenSearchTransport transport) {
		return new OpenSearchClient(transport);
	}

	@Bean
	SearchCluster searchCluster(OpenSearchClient client, ObjectMapper objectMapper, OpenSearchProperties properties) {
		return new SearchCluster(client, objectMapper, new PageReads(properties));
	}

}
