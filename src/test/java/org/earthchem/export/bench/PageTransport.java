package org.earthchem.export.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

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

	/**
	 * The service's own page reader (what every export reads through), as the Python floor reads: each page's bytes
	 * into one reused buffer, the hits counted by their {@code "_index":} key, the last hit's sort values cut out of
	 * the end.
	 */
	static PageTransport serviceReader(String openSearchUrl) {
		ServicePageReads reads = new ServicePageReads(openSearchUrl);
		RawPage page = new RawPage();
		return (body) -> reads.search(body, page::read);
	}

	/** A page read whole into a buffer that grows to the largest page and is reused. */
	final class RawPage {

		private static final byte[] HIT = "\"_index\":".getBytes(StandardCharsets.US_ASCII);

		private static final byte[] SORT = "\"sort\":[".getBytes(StandardCharsets.US_ASCII);

		private byte[] bytes = new byte[4 * 1024 * 1024];

		HitScanner.Page read(InputStream in) {
			int length = 0;
			try {
				int n;
				while ((n = in.read(this.bytes, length, this.bytes.length - length)) > 0) {
					length += n;
					if (length == this.bytes.length) {
						this.bytes = Arrays.copyOf(this.bytes, this.bytes.length * 2);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			int hits = 0;
			int last = -1;
			for (int at = indexOf(HIT, 0, length); at >= 0; at = indexOf(HIT, at + HIT.length, length)) {
				hits++;
				last = at;
			}
			String lastSort = null;
			if (last >= 0) {
				int sort = indexOf(SORT, last, length) + SORT.length - 1;
				int end = sort;
				while (this.bytes[end] != ']') {
					end++;
				}
				lastSort = new String(this.bytes, sort, end - sort + 1, StandardCharsets.UTF_8);
			}
			return new HitScanner.Page(hits, lastSort, length);
		}

		private int indexOf(byte[] pattern, int from, int to) {
			byte first = pattern[0];
			for (int i = from; i <= to - pattern.length; i++) {
				if (this.bytes[i] == first && matches(pattern, i)) {
					return i;
				}
			}
			return -1;
		}

		private boolean matches(byte[] pattern, int at) {
			for (int j = 1; j < pattern.length; j++) {
				if (this.bytes[at + j] != pattern[j]) {
					return false;
				}
			}
			return true;
		}

	}

}
