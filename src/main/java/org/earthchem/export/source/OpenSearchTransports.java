package org.earthchem.export.source;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** The HTTP transport to the search cluster, configured once for the service and for anything measuring it. */
public final class OpenSearchTransports {

	private OpenSearchTransports() {
	}

	public static OpenSearchTransport create(OpenSearchProperties properties) {
		HttpHost host = new HttpHost(properties.url().getScheme(), properties.url().getHost(),
				properties.url().getPort() > 0 ? properties.url().getPort()
						: ("https".equals(properties.url().getScheme()) ? 443 : 80));
		return ApacheHttpClient5TransportBuilder.builder(host)
			.setConnectionConfigCallback((config) -> config.setConnectTimeout(Timeout.of(properties.connectTimeout())))
			.setRequestConfigCallback((config) -> config
				.setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
				.setResponseTimeout(Timeout.of(properties.responseTimeout())))
			.setHttpClientConfigCallback((client) -> {
				// no Accept-Encoding: gzip. Compressing every page costs the cluster (the shared resource) twice the CPU
				// of the read itself, and decompressing costs the service as much; pages are better sent as they are.
				client.disableContentCompression();
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

}
