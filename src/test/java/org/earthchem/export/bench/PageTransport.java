package org.earthchem.export.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.earthchem.export.source.ServicePageReads;

/** How a floor reader fetches one search page, scanned by a {@link HitScanner} as its bytes arrive. */
interface PageTransport {

	HitScanner.Page searchPage(String body) throws IOException, InterruptedException;

	/** The JDK's asynchronous {@code HttpClient}, the body handed to the scanner buffer by buffer. */
	static PageTransport jdkHttpClient(String openSearchUrl) {
		// HTTP/1.1: OpenSearch rejects the JDK client's default h2c upgrade; no Accept-Encoding, so no gzip either
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return (body) -> {
			HttpResponse<HitScanner.Page> response = http.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/_search"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofMinutes(1))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.fromSubscriber(new HitScanner(), HitScanner::page));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("OpenSearch answered " + response.statusCode() + " to a search page");
			}
			return response.body();
		};
	}

	/** The service's own page reader (what every export reads through), its body scanned as it is read. */
	static PageTransport serviceReader(String openSearchUrl) {
		ServicePageReads reads = new ServicePageReads(openSearchUrl);
		byte[] buffer = new byte[64 * 1024];
		return (body) -> reads.search(body, (in) -> scan(in, buffer));
	}

	private static HitScanner.Page scan(InputStream in, byte[] buffer) {
		HitScanner scanner = new HitScanner();
		try {
			int read;
			while ((read = in.read(buffer)) > 0) {
				scanner.onNext(List.of(ByteBuffer.wrap(buffer, 0, read)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return scanner.page();
	}

}
