package org.earthchem.export.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

import tools.jackson.core.exc.JacksonIOException;

/**
 * Search pages read as a stream through the JDK's HTTP client: the page is parsed as its bytes arrive, so no page is
 * ever held whole in memory (opensearch-java's transport buffers each response, several megabytes, in growing
 * arrays), and the JDK client moves pages faster. Failures that may pass become {@link SearchUnavailableException}.
 */
final class PageReads {

	private final HttpClient http;

	private final URI search;

	private final OpenSearchProperties properties;

	PageReads(OpenSearchProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		String base = properties.url().toString();
		this.search = URI.create((base.endsWith("/") ? base : base + "/") + "_search");
	}

	<T> T read(String requestJson, Function<InputStream, T> parse) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.search)
			.timeout(this.properties.responseTimeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(requestJson));
		if (this.properties.username() != null && !this.properties.username().isBlank()) {
			String credentials = this.properties.username() + ":"
					+ (this.properties.password() == null ? "" : this.properties.password());
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() >= 400) {
					throw SearchCluster.errorFor(response.statusCode(),
							new String(body.readAllBytes(), StandardCharsets.UTF_8));
				}
				return parse.apply(body);
			}
		}
		catch (IOException | UncheckedIOException | JacksonIOException ex) {
			throw new SearchUnavailableException("the search cluster could not be read: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SearchUnavailableException("interrupted while reading from the search cluster", ex);
		}
	}

}
