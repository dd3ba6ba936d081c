package org.earthchem.export.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/** One scrape of {@code /actuator/prometheus} in the text format: samples by name and labels. */
public record Scrape(List<Sample> samples) {

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	public record Sample(String name, Map<String, String> labels, double value) {
	}

	/** Scrapes the service {@code client} speaks to (with a key that may read the metrics). */
	public static Scrape of(RestClient client) {
		return parse(client.get().uri("/actuator/prometheus").retrieve().body(String.class));
	}

	/**
	 * Scrapes the service until {@code condition} holds (what a meter counts or a gauge reads lags what the API
	 * answers) and returns that scrape; fails after 30 seconds.
	 */
	public static Scrape awaitOf(RestClient client, Predicate<Scrape> condition) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> of(client), condition);
	}

	private static Scrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			Matcher matcher = LINE.matcher(line);
			if (!matcher.find()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(3) != null) {
				Matcher label = LABEL.matcher(matcher.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
		}
		return new Scrape(samples);
	}

	/** The sum of the samples of {@code name} whose labels include {@code labels}. */
	public double value(String name, Map<String, String> labels) {
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
			.mapToDouble(Sample::value)
			.sum();
	}

	public double delta(Scrape before, String name, Map<String, String> labels) {
		return value(name, labels) - before.value(name, labels);
	}

	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

}
