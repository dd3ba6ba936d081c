package org.earthchem.export.support;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.web.client.RestClient;

/** A task's audit trail as the API serves it (oldest first), read with a client that may see the task. */
public final class TaskEvents {

	private TaskEvents() {
	}

	public static List<JsonNode> of(RestClient client, String taskId) {
		return client.get()
			.uri("/api/v1/exports/" + taskId + "/events")
			.retrieve()
			.body(JsonNode.class)
			.valueStream()
			.toList();
	}

	/** The events' types, oldest first. */
	public static List<String> types(RestClient client, String taskId) {
		return of(client, taskId).stream().map((event) -> event.path("type").asString()).toList();
	}

	/**
	 * The trail as the tests compare it: each status change by its detail ({@code Pending -> Processing on node-1}),
	 * every other event by its type.
	 */
	public static List<String> trail(RestClient client, String taskId) {
		return of(client, taskId).stream().map((event) -> {
			String type = event.path("type").asString();
			return "STATUS_CHANGED".equals(type) ? event.path("detail").asString() : type;
		}).toList();
	}

	/** The detail of the first event of that type. */
	public static String detail(RestClient client, String taskId, String type) {
		return of(client, taskId).stream()
			.filter((event) -> type.equals(event.path("type").asString()))
			.map((event) -> event.path("detail").asString())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type + " event for " + taskId));
	}

}
