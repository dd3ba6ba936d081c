package org.earthchem.export.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.earthchem.export.ExportServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second export service in the test JVM, on the shared stack, for a test that needs settings of its own: a queue and
 * a job repository of its own (its listener takes no message of the shared service's), closed by the test.
 */
public final class ServiceInThisJvm implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ServiceInThisJvm(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts it with the test profile, the shared stack's addresses and {@code settings} over them. */
	public static ServiceInThisJvm start(Map<String, String> settings) {
		return start(settings, null);
	}

	/**
	 * Starts it as {@link #start(Map)} does, with {@code clock} as its {@link Clock} bean: the time of what takes one
	 * (the rate limits), which the test sets or moves.
	 */
	public static ServiceInThisJvm start(Map<String, String> settings, Clock clock) {
		String name = "own-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> properties = new LinkedHashMap<>(TestStack.get().properties());
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		properties.put("export.queue.name", name + ".fifo");
		properties.put("export.queue.dead-letter-name", name + "-dlq.fifo");
		properties.putAll(settings);
		// as command-line arguments: the builder's properties() are defaults, which application*.yml would override
		List<String> args = new ArrayList<>();
		properties.forEach((property, value) -> args.add("--" + property + "=" + value));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ExportServiceApplication.class).profiles("test");
		if (clock != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
		}
		return new ServiceInThisJvm(builder.run(args.toArray(String[]::new)));
	}

	/** One of its beans. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** A client of it with this API key that never throws on 4xx/5xx (the JDK's client: it sends each request once). */
	public RestClient http(String apiKey) {
		return client(this.context.getEnvironment().getProperty("local.server.port"), apiKey);
	}

	/**
	 * Issues a key, through the operators' API of the service at {@code operator}, for a new owner of its own (whose
	 * counts and limits no other test touches).
	 */
	public static String newOwnerKey(RestClient operator, String ownerPrefix, List<String> sources) {
		String owner = ownerPrefix + "-" + UUID.randomUUID();
		ResponseEntity<JsonNode> issued = operator.post()
			.uri("/api/v1/admin/api-keys")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("owner", owner, "email", owner + "@example.org", "sources", sources))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(issued.getStatusCode().value()).isEqualTo(201);
		return issued.getBody().path("key").asString();
	}

	static RestClient client(String port, String apiKey) {
		if (apiKey == null) {
			// no X-API-Key header at all
			return RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory())
				.baseUrl("http://localhost:" + port)
				.defaultStatusHandler((status) -> true, (request, response) -> {
				})
				.build();
		}
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.defaultHeader("X-API-Key", apiKey)
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
