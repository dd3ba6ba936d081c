package org.earthchem.export.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.source.SearchCluster;

/**
 * The floor: the least work any export must do — a point-in-time plus {@code search_after} read of every document,
 * page by page, through the same client the service uses, keeping nothing.
 */
final class FloorReader {

	private final SearchCluster cluster;

	private final Function<String, byte[]> pages;

	private final JsonFactory json = new JsonFactory();

	/** Reads pages through the service's own client. */
	FloorReader(SearchCluster cluster) {
		this(cluster, cluster::searchPage);
	}

	/** Reads pages through another HTTP client (the point-in-time is still opened by the service's). */
	FloorReader(SearchCluster cluster, Function<String, byte[]> pages) {
		this.cluster = cluster;
		this.pages = pages;
	}

	/** Pages through the JDK's own HTTP client: a reference for what the transport costs. */
	static Function<String, byte[]> jdkClient(String openSearchUrl) {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return (body) -> {
			try {
				return client.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/_search"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		};
	}

	/** Reads every document of the index; returns the documents and bytes received. */
	long[] readAll(String index, String sortField, int pageSize) {
		String pit = this.cluster.openPointInTime(index, Duration.ofMinutes(5));
		long documents = 0;
		long bytes = 0;
		try {
			String after = null;
			while (true) {
				String body = "{\"size\":" + pageSize + ",\"query\":{\"match_all\":{}},\"pit\":{\"id\":\"" + pit
						+ "\",\"keep_alive\":\"300s\"},\"sort\":[{\"" + sortField + "\":\"asc\"}],\"track_total_hits\":false"
						+ (after != null ? ",\"search_after\":" + after : "") + "}";
				byte[] page = this.pages.apply(body);
				bytes += page.length;
				Object[] hitsAndLast = scan(page);
				int hits = (int) hitsAndLast[0];
				documents += hits;
				if (hits < pageSize) {
					return new long[] { documents, bytes };
				}
				after = (String) hitsAndLast[1];
			}
		}
		finally {
			this.cluster.closePointInTime(pit);
		}
	}

	/** Counts the hits of a page and finds the last one's sort values, skipping every {@code _source}. */
	private Object[] scan(byte[] page) {
		int hits = 0;
		String lastSort = null;
		try (JsonParser parser = this.json.createParser(ObjectReadContext.empty(), page)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					if ("_source".equals(name)) {
						hits++;
						parser.nextToken();
						parser.skipChildren();
					}
					else if ("sort".equals(name)) {
						parser.nextToken();
						int start = (int) parser.currentTokenLocation().getByteOffset();
						parser.skipChildren();
						int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
						lastSort = new String(page, start, end - start, StandardCharsets.UTF_8);
					}
				}
			}
		}
		return new Object[] { hits, lastSort };
	}

}
