package org.earthchem.export.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.metrics.DashboardQueries.Query;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.Scrape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard ({@code observability/grafana/dashboards/export-service.json}) queries only what the service
 * exports at {@code /actuator/prometheus}, and shows every meter of its own. The scrape is taken after an export that
 * succeeds, is downloaded and mailed, and one that fails for good after automatic retries, so that every meter has
 * its series.
 */
class DashboardTest extends IntegrationTest {

	/** Series Prometheus itself adds for every target it scrapes. */
	private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds",
			"scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");

	/** Labels Prometheus gives every series of a target (prometheus.yml). */
	private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

	private static Scrape scrape;

	@BeforeEach
	void everyMeterHasItsSeries() {
		if (scrape != null) {
			return;
		}
		Scrape before = Scrape.of(http(OPERATOR_KEY));

		JsonNode succeeded = export(OPERATOR_KEY, "synthesis", "fileType=csv&columns=sample_id,material");
		assertThat(succeeded.path("status").asString()).isEqualTo("Succeeded");
		assertThat(download(OPERATOR_KEY, succeeded.path("taskId").asString(), 1).getStatusCode().value()).isEqualTo(200);
		Scrape.awaitOf(http(OPERATOR_KEY), (now) -> now.delta(before, "export_notifications_total", Map.of()) > 0);

		stack().s3Proxy().cut();
		try {
			JsonNode failed = export(OPERATOR_KEY, "synthesis", "fileType=json&columns=sample_id,material");
			assertThat(failed.path("status").asString()).isEqualTo("Failed");
			// between two attempts a task reads Failed for a moment: storage stays cut until the failure stands
			Scrape.awaitOf(http(OPERATOR_KEY),
					(now) -> now.delta(before, "export_tasks_finished_total", Map.of("status", "failed")) >= 1);
		}
		finally {
			stack().s3Proxy().restore();
		}
		scrape = Scrape.of(http(OPERATOR_KEY));
		// the failed export's three attempts: two automatic retries
		assertThat(scrape.delta(before, "export_retries_total", Map.of())).as("automatic retries").isEqualTo(2);
	}

	@AfterEach
	void restoreServers() {
		stack().s3Proxy().restore();
	}

	@Test
	void everyQueriedMetricIsOneTheServiceExports() {
		List<Query> queries = DashboardQueries.of(DashboardQueries.dashboard());
		assertThat(queries).as("queries of the dashboard").hasSizeGreaterThan(10);

		Set<String> exported = scrape.names();
		Map<String, Set<String>> unknown = new TreeMap<>();
		for (Query query : queries) {
			assertThat(query.metrics()).as("metrics of %s: %s", query.where(), query.expr()).isNotEmpty();
			for (String metric : query.metrics()) {
				if (!exported.contains(metric) && !PROMETHEUS_SERIES.contains(metric)) {
					unknown.computeIfAbsent(metric, (name) -> new TreeSet<>()).add(query.where());
				}
			}
		}
		assertThat(unknown).as("metrics the dashboard queries that /actuator/prometheus does not show").isEmpty();
	}

	@Test
	void everyQueriedLabelIsOneItsMetricsCarry() {
		Map<String, Set<String>> wrong = new TreeMap<>();
		for (Query query : DashboardQueries.of(DashboardQueries.dashboard())) {
			Set<String> carried = new TreeSet<>(TARGET_LABELS);
			for (String metric : query.metrics()) {
				carried.addAll(labels(metric));
			}
			Set<String> missing = new TreeSet<>(query.labels());
			missing.removeAll(carried);
			if (!missing.isEmpty()) {
				wrong.put(query.where() + ": " + query.expr(), missing);
			}
		}
		assertThat(wrong).as("labels no series of the query's metrics carries").isEmpty();
	}

	@Test
	void everyMeterOfTheServiceIsOnTheDashboard() {
		Set<String> shown = new TreeSet<>();
		DashboardQueries.of(DashboardQueries.dashboard())
			.forEach((query) -> query.metrics().forEach((metric) -> shown.add(DashboardQueries.family(metric))));
		Set<String> meters = new TreeSet<>();
		scrape.names().stream().filter((name) -> name.startsWith("export_")).map(DashboardQueries::family)
			.forEach(meters::add);
		assertThat(meters).as("the service's own meters").contains("export_tasks_accepted", "export_tasks_finished",
				"export_retries", "export_duration_seconds", "export_queue_wait_seconds", "export_rows", "export_bytes",
				"export_page_read_seconds", "export_part_upload_seconds", "export_tasks_pending",
				"export_tasks_running", "export_queue_dead_letters", "export_notifications", "export_downloads");
		assertThat(shown).as("meter families the dashboard shows").containsAll(meters);
	}

	private Set<String> labels(String metric) {
		Set<String> labels = new TreeSet<>();
		scrape.samples().stream().filter((sample) -> sample.name().equals(metric))
			.forEach((sample) -> labels.addAll(sample.labels().keySet()));
		return labels;
	}

}
