package org.earthchem.export.source;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenSearch client (opensearch-java over Apache HttpClient 5). */
@Configuration(proxyBeanMethods = false)
class OpenSearchConfig {

	@Bean(destroyMethod = "close")
	OpenSearchTransport openSearchTransport(OpenSearchProperties properties) {
		HttpHost host = new HttpHost(properties.url().getScheme(), properties.url().getHost(),
				properties.url().getPort() > 0 ? properties.url().getPort()
						: ("https".equals(properties.url().getScheme()) ? 443 : 80));
		return ApacheHttpClient5TransportBuilder.builder(host)
			.setConnectionConfigCallback((config) -> config.setConnectTimeout(Timeout.of(properties.connectTimeout())))
			.setRequestConfigCallback((config) -> config
				.setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
				.setResponseTimeout(Timeout.of(properties.responseTimeout())))
			.setHttpClientConfigCallback((client) -> {
				if (properties.username() != null && !properties.username().isBlank()) {
					BasicCredentialsProvider credentials = new BasicCredentialsProvider();
					credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(
							properties.username(), properties.password() == null ? new char[0]
									: properties.password().toCharArray()));
					client.setDefaultCredentialsProvider(credentials);
				}
				return client;
			})
			.build();
	}

	@Bean
	OpenSearchClient openSearchClient(OpenSearchTransport transport) {
		return new OpenSearchClient(transport);
	}

	@Bean
	SearchCluster searchCluster(OpenSearchClient client, ObjectMapper objectMapper) {
		return new SearchCluster(client, objectMapper);
	}

}
