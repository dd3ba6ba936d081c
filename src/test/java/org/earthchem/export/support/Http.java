package org.earthchem.export.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain HTTP with the JDK's client (HTTP/1.1, each request sent once), for what is not the service's API under test:
 * pre-signed links, the search cluster, a service in another JVM.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Http() {
	}

	/** A GET without credentials, the body as text. */
	public static HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A GET without credentials, the body as bytes. */
	public static HttpResponse<byte[]> getBytes(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** A request with a JSON body (an OpenSearch call in a test), the answer as text. */
	public static HttpResponse<String> json(String method, String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return CLIENT.send(request, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
