package org.earthchem.export.source;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * The service's own reader of result pages ({@link PageReads}), for {@code make bench}'s read-and-discard: the
 * transport every export reads its pages through, measured against the floor's readers.
 */
public final class ServicePageReads {

	private final PageReads reads;

	public ServicePageReads(String openSearchUrl) {
		this.reads = new PageReads(new OpenSearchProperties(URI.create(openSearchUrl), null, null, Duration.ofSeconds(2),
				Duration.ofSeconds(60)));
	}

	/** Sends one search request and hands its response body, as it streams in, to {@code parse}. */
	public <T> T search(String requestJson, Function<InputStream, T> parse) {
		return this.reads.read(requestJson, parse);
	}

}
