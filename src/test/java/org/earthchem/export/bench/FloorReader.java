package org.earthchem.export.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/**
 * A floor reader in Java: the least work any export must do — a point-in-time plus {@code search_after} read of every
 * document, page by page in sort order as the service reads, each page scanned as its bytes arrive and dropped
 * ({@link HitScanner}), through a {@link PageTransport}: the JDK's {@code HttpClient}, or the service's own page reader
 * (whose read-and-discard is measured against the fastest floor). The point-in-time is opened and closed with the
 * JDK's client either way.
 */
final class FloorReader {

	private static final String KEEP_ALIVE = "5m";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String openSearchUrl;

	private final PageTransport pages;

	FloorReader(String openSearchUrl, PageTransport pages) {
		this.openSearchUrl = openSearchUrl;
		this.pages = pages;
	}

	/** Reads every document of the index in pages of {@code pageSize}. */
	Read readAll(String index, String sortField, int pageSize) throws IOException, InterruptedException {
		String pit = openPointInTime(index);
		try {
			long documents = 0;
			long bytes = 0;
			String after = null;
			HitScanner.Page page;
			do {
				page = searchPage(pageBody(pit, sortField, pageSize, after));
				documents += page.hits();
				bytes += page.bytes();
				after = page.lastSort();
			}
			while (page.hits() == pageSize);
			return new Read(documents, bytes);
		}
		finally {
			closePointInTime(pit);
		}
	}

	private static String pageBody(String pit, String sortField, int pageSize, String searchAfter) {
		// what the service's PointInTimeReader sends
		return "{\"size\":" + pageSize + ",\"query\":{\"match_all\":{}},\"pit\":{\"id\":\"" + pit + "\",\"keep_alive\":\""
				+ KEEP_ALIVE + "\"},\"sort\":[{\"" + sortField + "\":\"asc\"}],\"track_total_hits\":false"
				+ ((searchAfter != null) ? ",\"search_after\":" + searchAfter : "") + "}";
	}

	private HitScanner.Page searchPage(String body) throws IOException, InterruptedException {
		return this.pages.searchPage(body);
	}

	private String openPointInTime(String index) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				post("/" + index + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE, null),
				HttpResponse.BodyHandlers.ofString());
		check(response.statusCode(), "open a point-in-time: " + response.body());
		return JSON.readTree(response.body()).path("pit_id").asString();
	}

	private void closePointInTime(String pit) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request("/_search/point_in_time")
			.method("DELETE", HttpRequest.BodyPublishers.ofString("{\"pit_id\":[\"" + pit + "\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(response.statusCode(), "close a point-in-time: " + response.body());
	}

	private HttpRequest post(String path, String body) {
		return request(path).POST((body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody()).build();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.openSearchUrl + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofMinutes(1));
	}

	private static void check(int status, String what) {
		if (status != 200) {
			throw new IllegalStateException("OpenSearch answered " + status + " to " + what);
		}
	}

	/**
	 * A whole read.
	 *
	 * @param documents the documents read
	 * @param bytes the response bytes received
	 */
	record Read(long documents, long bytes) {
	}

}
