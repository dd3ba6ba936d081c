package org.earthchem.export.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Search pages read as a stream through the JDK's blocking {@link HttpURLConnection}: the page is parsed as its bytes
 * arrive on the calling thread, so no page is ever held whole in memory (opensearch-java's transport buffers each
 * response, several megabytes, in growing arrays). Measured on the benchmark's pages (3 MB each), it costs a third of
 * the CPU of the JDK's asynchronous {@code HttpClient}, whose selector thread hands every buffer over to the reader,
 * and half of Apache HttpClient's; its connections are kept alive between pages. Failures that may pass become
 * {@link SearchUnavailableException}.
 */
final class PageReads {

	private final URL search;

	private final String authorization;

	private final int connectTimeout;

	private final int readTimeout;

	PageReads(OpenSearchProperties properties) {
		String base = properties.url().toString();
		try {
			this.search = URI.create((base.endsWith("/") ? base : base + "/") + "_search").toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalArgumentException("export.opensearch.url is not a URL: " + base, ex);
		}
		this.authorization = basicAuthorization(properties);
		this.connectTimeout = (int) Math.min(Integer.MAX_VALUE, properties.connectTimeout().toMillis());
		// the longest wait for the next bytes of a response (its first ones included)
		this.readTimeout = (int) Math.min(Integer.MAX_VALUE, properties.responseTimeout().toMillis());
	}

	<T> T read(String requestJson, Function<InputStream, T> parse) {
		try {
			HttpURLConnection connection = post(requestJson);
			int status = connection.getResponseCode();
			if (status >= 400) {
				throw SearchCluster.errorFor(status, errorText(connection));
			}
			try (InputStream body = connection.getInputStream()) {
				// the parser closes what it reads: the body is closed here, after its rest (the end of a chunked body)
				// is read, so that the connection is kept for the next page
				T page = parse.apply(new WholeBody(body, connection.getContentLengthLong()));
				body.transferTo(OutputStream.nullOutputStream());
				return page;
			}
		}
		catch (IOException | UncheckedIOException | JacksonIOException | UnexpectedEndOfInputException ex) {
			// a connection that closes early ends the body: the page was cut short on its way
			throw new SearchUnavailableException("the search cluster could not be read: " + ex.getMessage(), ex);
		}
	}

	private HttpURLConnection post(String requestJson) throws IOException {
		// never a proxy of the JVM's settings: the cluster is reached as configured
		HttpURLConnection connection = (HttpURLConnection) this.search.openConnection(Proxy.NO_PROXY);
		connection.setConnectTimeout(this.connectTimeout);
		connection.setReadTimeout(this.readTimeout);
		connection.setRequestMethod("POST");
		connection.setRequestProperty("Content-Type", "application/json");
		if (this.authorization != null) {
			connection.setRequestProperty("Authorization", this.authorization);
		}
		byte[] body = requestJson.getBytes(StandardCharsets.UTF_8);
		connection.setDoOutput(true);
		connection.setFixedLengthStreamingMode(body.length);
		try (OutputStream out = connection.getOutputStream()) {
			out.write(body);
		}
		return connection;
	}

	private static String errorText(HttpURLConnection connection) throws IOException {
		try (InputStream error = connection.getErrorStream()) {
			return (error != null) ? new String(error.readAllBytes(), StandardCharsets.UTF_8) : "";
		}
	}

	private static String basicAuthorization(OpenSearchProperties properties) {
		if (properties.username() == null || properties.username().isBlank()) {
			return null;
		}
		String credentials = properties.username() + ":" + ((properties.password() == null) ? "" : properties.password());
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The response body as the parser reads it: not closed by the parser (the connection is kept by reading the body to
	 * its end here), and an end before the announced length is an error, not a short page.
	 */
	private static final class WholeBody extends FilterInputStream {

		private final long length;

		private long read;

		WholeBody(InputStream body, long length) {
			super(body);
			this.length = length;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			count((b < 0) ? -1 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int count) throws IOException {
			int n = super.read(buffer, offset, count);
			count(n);
			return n;
		}

		private void count(int n) throws IOException {
			if (n >= 0) {
				this.read += n;
			}
			else if (this.length >= 0 && this.read < this.length) {
				throw new IOException("the response ended after " + this.read + " of its " + this.length + " bytes");
			}
		}

		@Override
		public void close() {
		}

	}

}
