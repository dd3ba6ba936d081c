package org.earthchem.export.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The search cluster as the export needs it: mappings, counts, point-in-time handles and raw result pages.
 * Requests and responses stay JSON text so that numbers reach the files exactly as stored.
 */
public class SearchCluster {

	private final OpenSearchGenericClient client;

	private final ObjectMapper json;

	private final PageReads pages;

	SearchCluster(OpenSearchClient client, ObjectMapper json, PageReads pages) {
		this.client = client.generic();
		this.json = json;
		this.pages = pages;
	}

	/** Cheap reachability check: true when the cluster answers. */
	public boolean isReachable() {
		try {
			return exchange("GET", "/", null, Map.of()).status() < 500;
		}
		catch (SearchUnavailableException ex) {
			return false;
		}
	}

	/** The cluster's health status: green, yellow or red. */
	public String healthStatus() {
		return sendForJson("GET", "/_cluster/health", null, Map.of()).path("status").asString("unknown");
	}

	/** The leaf fields of an index (or alias) as the cluster maps them. */
	public IndexMapping mapping(String index) {
		JsonNode body = sendForJson("GET", "/" + index + "/_mapping", null, Map.of());
		// an alias may resolve to several indices; they must share the mapping, so the first one speaks for all
		for (JsonNode concrete : body) {
			JsonNode properties = concrete.path("mappings").path("properties");
			if (properties.isObject()) {
				return IndexMapping.parse(properties);
			}
		}
		throw new SearchRequestException("index " + index + " has no mapped fields");
	}

	/** Number of documents matching a query. */
	public long count(String index, String queryJson) {
		JsonNode body = sendForJson("POST", "/" + index + "/_count", "{\"query\":" + queryJson + "}", Map.of());
		return body.path("count").asLong();
	}

	/** Number of documents matching a query in a point-in-time: exactly the documents a read of it returns. */
	public long count(String pitId, Duration keepAlive, String queryJson) {
		// the query text as it is: the read sends it the same way
		String request = "{\"size\":0,\"query\":" + queryJson + ",\"pit\":{\"id\":" + this.json.writeValueAsString(pitId)
				+ ",\"keep_alive\":\"" + keepAlive.toSeconds() + "s\"},\"track_total_hits\":true}";
		return sendForJson("POST", "/_search", request, Map.of()).path("hits").path("total").path("value").asLong();
	}

	/** Opens a point-in-time on an index: a consistent view that a long export reads page by page. */
	public String openPointInTime(String index, Duration keepAlive) {
		JsonNode body = sendForJson("POST", "/" + index + "/_search/point_in_time", null,
				Map.of("keep_alive", keepAlive.toSeconds() + "s"));
		String id = body.path("pit_id").asString(null);
		if (id == null) {
			throw new SearchRequestException("the cluster did not return a point-in-time id");
		}
		return id;
	}

	/** Closes a point-in-time; an unknown or expired one is not an error. */
	public void closePointInTime(String pitId) {
		ObjectNode body = this.json.createObjectNode();
		body.putArray("pit_id").add(pitId);
		Reply reply = exchange("DELETE", "/_search/point_in_time", body.toString(), Map.of());
		if (reply.status() >= 500) {
			throw new SearchUnavailableException("closing a point-in-time answered " + reply.status(), null);
		}
	}

	/** One page of a search, parsed by {@code parse} from the response as it arrives. */
	public <T> T searchPage(String requestJson, java.util.function.Function<java.io.InputStream, T> parse) {
		return this.pages.read(requestJson, parse);
	}

	private JsonNode sendForJson(String method, String path, String body, Map<String, String> query) {
		return this.json.readTree(successful(exchange(method, path, body, query)).body());
	}

	private static Reply successful(Reply reply) {
		if (reply.status() >= 400) {
			throw errorFor(reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
		}
		return reply;
	}

	private Reply exchange(String method, String path, String body, Map<String, String> query) {
		Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path).query(query);
		if (body != null) {
			request.json(body);
		}
		try (Response response = this.client.execute(request.build())) {
			return new Reply(response.getStatus(), bodyBytes(response));
		}
		catch (SearchUnavailableException ex) {
			throw ex;
		}
		catch (Exception ex) {
			if (ex instanceof RuntimeException runtime && !isConnectionProblem(ex)) {
				throw runtime;
			}
			throw new SearchUnavailableException("the search cluster could not be reached: " + ex.getMessage(), ex);
		}
	}

	private static byte[] bodyBytes(Response response) throws Exception {
		Optional<Body> body = response.getBody();
		if (body.isEmpty()) {
			return new byte[0];
		}
		try (Body b = body.get(); InputStream in = b.body()) {
			return in.readAllBytes();
		}
	}

	/** A response's status and body, read whole (a page is a few megabytes at most). */
	private record Reply(int status, byte[] body) {
	}

	static RuntimeException errorFor(int status, String body) {
		String detail = status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
		if (body.contains("search_context_missing_exception") || body.contains("No search context found")) {
			// the cluster restarted or the point-in-time expired: its reader opens a new one
			return new PointInTimeGoneException("the point-in-time is gone: " + detail);
		}
		if (status == 429 || status >= 500) {
			return new SearchUnavailableException("the search cluster answered " + detail, null);
		}
		if (status == 404 && body.contains("index_not_found_exception")) {
			return new SearchRequestException("index not found: " + detail);
		}
		return new SearchRequestException("the search cluster rejected a request: " + detail);
	}

	private static boolean isConnectionProblem(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof SocketTimeoutException
					|| t instanceof UnknownHostException || t instanceof IOException) {
				return true;
			}
		}
		return false;
	}

}
