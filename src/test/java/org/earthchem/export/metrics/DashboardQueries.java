package org.earthchem.export.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of the Grafana dashboard: every query of its panels and of its variables, with the metric names and the
 * label names each one uses. Not a PromQL parser: it reads what a dashboard's queries are made of (selectors with
 * label matchers, functions, aggregations with {@code by}/{@code without}, vector matching, ranges, Grafana's
 * {@code $variables}) well enough to tell metric names from functions, keywords, numbers and durations.
 */
final class DashboardQueries {

	static final Path DASHBOARD = Path.of("observability", "grafana", "dashboards", "export-service.json");

	/** One query: where it is in the dashboard, its text, and the metrics and labels it names. */
	record Query(String where, String expr, Set<String> metrics, Set<String> labels) {
	}

	/** A selector's braces; its values are strings, which may hold braces. */
	private static final Pattern SELECTOR = Pattern.compile("\\{((?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\}");

	private static final Pattern MATCHER = Pattern
		.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

	/** Range vectors, subqueries and their durations: {@code [5m]}, {@code [$__rate_interval]}, {@code [1h:1m]}. */
	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*");

	/**
	 * A name that is not a function's (no parenthesis follows: possessive, so {@code rate(} never yields
	 * {@code rat}) and not part of a number or a duration ({@code 1e3}, {@code 5m}, {@code 0x1f}).
	 */
	private static final Pattern NAME = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan");

	/** Grafana's variable query {@code label_values(metric{matchers}, label)} or {@code label_values(label)}. */
	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\(\\s*(?:(.*?)\\s*,\\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");

	private DashboardQueries() {
	}

	static JsonNode dashboard() {
		try {
			return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every query of the dashboard's panels (rows' nested panels too) and of its query variables. */
	static List<Query> of(JsonNode dashboard) {
		List<Query> queries = new ArrayList<>();
		for (JsonNode panel : panels(dashboard)) {
			for (JsonNode target : panel.path("targets")) {
				if (target.has("expr")) {
					queries.add(parse("panel \"" + panel.path("title").asString() + "\" " + target.path("refId").asString(),
							target.path("expr").asString()));
				}
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if ("query".equals(variable.path("type").asString())) {
				JsonNode query = variable.path("query");
				String text = query.isObject() ? query.path("query").asString() : query.asString();
				queries.add(variable("variable $" + variable.path("name").asString(), text));
			}
		}
		return queries;
	}

	/** The dashboard's panels, the panels of collapsed rows included. */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			for (JsonNode nested : panel.path("panels")) {
				panels.add(nested);
			}
		}
		return panels;
	}

	static Query variable(String where, String text) {
		Matcher labelValues = LABEL_VALUES.matcher(text);
		if (!labelValues.matches()) {
			return parse(where, text);
		}
		Query selector = parse(where, (labelValues.group(1) != null) ? labelValues.group(1) : "");
		Set<String> labels = new TreeSet<>(selector.labels());
		labels.add(labelValues.group(2));
		return new Query(where, text, selector.metrics(), labels);
	}

	static Query parse(String where, String expr) {
		Set<String> metrics = new TreeSet<>();
		Set<String> labels = new TreeSet<>();
		StringBuilder rest = new StringBuilder();
		Matcher selector = SELECTOR.matcher(expr);
		while (selector.find()) {
			Matcher matcher = MATCHER.matcher(selector.group(1));
			while (matcher.find()) {
				if ("__name__".equals(matcher.group(1)) && "=".equals(matcher.group(2))) {
					metrics.add(matcher.group(3));
				}
				else {
					labels.add(matcher.group(1));
				}
			}
			selector.appendReplacement(rest, " ");
		}
		selector.appendTail(rest);

		String text = STRING.matcher(rest).replaceAll(" ");
		StringBuilder ungrouped = new StringBuilder();
		Matcher grouping = GROUPING.matcher(text);
		while (grouping.find()) {
			for (String label : grouping.group(1).split(",")) {
				if (!label.isBlank()) {
					labels.add(label.trim());
				}
			}
			grouping.appendReplacement(ungrouped, " ");
		}
		grouping.appendTail(ungrouped);
		text = RANGE.matcher(ungrouped).replaceAll(" ");
		text = VARIABLE.matcher(text).replaceAll(" ");

		Matcher name = NAME.matcher(text);
		while (name.find()) {
			if (!KEYWORDS.contains(name.group(1).toLowerCase(Locale.ROOT))) {
				metrics.add(name.group(1));
			}
		}
		return new Query(where, expr, metrics, labels);
	}

	/** A metric's family: its name without the suffixes of counters and of histogram and timer series. */
	static String family(String metric) {
		return metric.replaceFirst("_(bucket|count|sum|max|total|created)$", "");
	}

}
