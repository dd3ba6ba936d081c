package org.earthchem.export.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Seeds the demo indices from the deterministic generators, leaving an index that is already seeded alone. */
public final class DemoIndices {

	/** The PetDB demo index. */
	public static final String PETDB_INDEX = "petdb-samples";

	/** The Synthesis demo index. */
	public static final String SYNTHESIS_INDEX = "synthesis-samples";

	public static final long PETDB_COUNT = 5_000;

	public static final long SYNTHESIS_COUNT = 2_000;

	private static final Logger log = LoggerFactory.getLogger(DemoIndices.class);

	// stays well under OpenSearch's 100 MB http.max_content_length while keeping requests few
	private static final int BATCH_BYTES = 2 * 1024 * 1024;

	// a bulk request into one shard runs on one write thread; a second in flight uses another core when one is idle
	private static final int IN_FLIGHT = 2;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	// OpenSearch rejects the JDK client's default h2c upgrade
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private DemoIndices() {
	}

	/** PetDB samples into {@value #PETDB_INDEX}, Synthesis samples into {@value #SYNTHESIS_INDEX}. */
	public static void seedDemo(String openSearchUrl) {
		seed(openSearchUrl, PETDB_INDEX, PetDbSamples.GENERATOR, PETDB_COUNT);
		seed(openSearchUrl, SYNTHESIS_INDEX, SynthesisSamples.GENERATOR, SYNTHESIS_COUNT);
	}

	/**
	 * Creates {@code index} if missing and loads documents 1..{@code count}; does nothing when the index already
	 * holds at least {@code count} documents.
	 */
	public static void seed(String openSearchUrl, String index, Generator generator, long count) {
		String base = openSearchUrl.endsWith("/") ? openSearchUrl.substring(0, openSearchUrl.length() - 1) : openSearchUrl;
		long started = System.nanoTime();
		if (exists(base, index)) {
			long present = count(base, index);
			if (present >= count) {
				// documents 1..count are fixed, so more than count means an earlier, larger seed: nothing to add
				log.info("Index {} already holds {} documents, not seeding", index, present);
				return;
			}
			// ids are fixed, so reloading overwrites an interrupted or older seed instead of duplicating it
			log.info("Index {} holds {} documents, expected {}; reloading", index, present, count);
		}
		else {
			create(base, index, generator.mappingJson());
		}
		// no periodic refreshes while loading: fewer tiny segments to merge, and nobody searches a half-seeded index
		settings(base, index, "{\"index\":{\"refresh_interval\":\"-1\"}}");
		load(base, index, generator, count);
		settings(base, index, "{\"index\":{\"refresh_interval\":null}}");
		check(send("POST", base + "/" + index + "/_refresh", null, null), "refresh " + index);
		log.info("Seeded {} with {} documents in {} ms", index, count(base, index),
				(System.nanoTime() - started) / 1_000_000);
	}

	private static void load(String base, String index, Generator generator, long count) {
		String action = "{\"index\":{\"_index\":" + JsonText.quote(index) + ",\"_id\":";
		// the filter keeps responses small: no per-item detail unless an item failed
		String url = base + "/_bulk?filter_path=errors,items.*.error,items.*._id,items.*.status";
		Deque<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayDeque<>();
		StringBuilder batch = new StringBuilder(BATCH_BYTES + 64 * 1024);
		long nextReport = count / 10;
		for (long i = 1; i <= count; i++) {
			batch.append(action);
			JsonText.quote(batch, generator.id(i));
			batch.append("}}\n").append(generator.document(i)).append('\n');
			// chars, not bytes: close enough for sizing and cheaper than encoding twice
			if (batch.length() >= BATCH_BYTES || i == count) {
				if (inFlight.size() == IN_FLIGHT) {
					verify(await(inFlight.removeFirst(), url), index);
				}
				inFlight.addLast(HTTP.sendAsync(request("POST", url, batch.toString(), "application/x-ndjson"),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
				batch.setLength(0);
			}
			if (i >= nextReport && count >= 10) {
				log.info("Seeding {}: {}/{} documents", index, i, count);
				nextReport += count / 10;
			}
		}
		while (!inFlight.isEmpty()) {
			verify(await(inFlight.removeFirst(), url), index);
		}
	}

	private static void verify(HttpResponse<String> response, String index) {
		check(response, "bulk into " + index);
		JsonNode result = JSON.readTree(response.body());
		if (!result.path("errors").isBoolean() || result.path("errors").booleanValue()) {
			for (JsonNode item : result.path("items")) {
				for (JsonNode outcome : item) {
					if (outcome.has("error")) {
						throw new IllegalStateException("Bulk into " + index + " failed for _id " + outcome.path("_id").asString()
								+ " (status " + outcome.path("status").asInt() + "): " + outcome.get("error"));
					}
				}
			}
			throw new IllegalStateException("Bulk into " + index + " reported errors: " + abbreviate(response.body()));
		}
	}

	private static boolean exists(String base, String index) {
		HttpResponse<String> response = send("HEAD", base + "/" + index, null, null);
		if (response.statusCode() == 404) {
			return false;
		}
		check(response, "look up index " + index);
		return true;
	}

	private static void create(String base, String index, String body) {
		HttpResponse<String> response = send("PUT", base + "/" + index, body, "application/json");
		if (response.statusCode() == 400 && response.body().contains("resource_already_exists_exception")) {
			// another process created it between our HEAD and PUT; the documents are the same either way
			return;
		}
		check(response, "create index " + index);
		log.info("Created index {}", index);
	}

	private static void settings(String base, String index, String body) {
		check(send("PUT", base + "/" + index + "/_settings", body, "application/json"), "update settings of " + index);
	}

	private static long count(String base, String index) {
		HttpResponse<String> response = send("GET", base + "/" + index + "/_count", null, null);
		check(response, "count " + index);
		return JSON.readTree(response.body()).path("count").asLong();
	}

	private static HttpResponse<String> send(String method, String url, String body, String contentType) {
		return await(HTTP.sendAsync(request(method, url, body, contentType),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), method + " " + url);
	}

	private static HttpRequest request(String method, String url, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
				: HttpRequest.BodyPublishers.noBody()).build();
	}

	private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> response, String what) {
		try {
			return response.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(what + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			response.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " interrupted", ex);
		}
	}

	private static void check(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"Could not " + what + ": HTTP " + response.statusCode() + " " + abbreviate(response.body()));
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 2000) ? text : text.substring(0, 2000) + "...";
	}

}
