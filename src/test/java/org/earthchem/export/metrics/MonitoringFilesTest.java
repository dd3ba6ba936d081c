package org.earthchem.export.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.metrics.DashboardQueries.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring files of {@code docker-compose.yml} fit the compose file and each other: Prometheus scrapes every
 * service replica at its port with the metrics key the replicas accept, read from a file, Grafana gets the provisioning and the
 * dashboard, and the dashboard's queries use the provisioned data source and Prometheus's job. (That the queried
 * metrics are the service's own is {@link DashboardTest}'s job.) No Spring context.
 */
class MonitoringFilesTest {

	private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");

	private static final Path PROMETHEUS_YML = Path.of("observability", "prometheus", "prometheus.yml");

	private static final Path GRAFANA_PROVISIONING = Path.of("observability", "grafana", "provisioning");

	private static final Pattern REPLICA = Pattern.compile("export-\\d+");

	private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*=\\s*\"([^\"]*)\"");

	@Test
	void prometheusScrapesEveryReplicaAtItsPortWithTheMetricsKeyFromAFile() throws IOException {
		Map<String, Object> services = map(yaml(COMPOSE_FILE).get("services"), "services");
		Set<String> replicas = new TreeSet<>();
		Set<String> metricsKeys = new TreeSet<>();
		Set<String> expectedTargets = new TreeSet<>();
		services.forEach((name, service) -> {
			if (REPLICA.matcher(name).matches()) {
				replicas.add(name);
				Map<String, Object> environment = map(map(service, name).get("environment"), name + ".environment");
				expectedTargets.add(name + ":" + environment.get("SERVER_PORT"));
				metricsKeys.addAll(metricsKeys(environment));
			}
		});
		assertThat(replicas).as("service replicas in docker-compose.yml").hasSizeGreaterThanOrEqualTo(2);
		assertThat(metricsKeys).as("metrics keys the replicas are given").hasSize(1);

		Map<String, Object> job = exportServiceJob();
		assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		assertThat(job.get("scheme")).as("scheme of %s", job.get("job_name")).isIn(null, "http");
		Set<String> targets = new TreeSet<>();
		for (Object staticConfig : list(job.get("static_configs"), "static_configs")) {
			for (Object target : list(map(staticConfig, "static_config").get("targets"), "targets")) {
				targets.add(String.valueOf(target));
			}
		}
		assertThat(targets).as("targets of the job %s", job.get("job_name")).isEqualTo(expectedTargets);

		Map<String, Object> headers = map(job.get("http_headers"), "http_headers");
		Map<String, Object> header = map(headers.get("X-API-Key"), "http_headers.X-API-Key");
		assertThat(header).as("the key is read from a file, never written as a value").doesNotContainKey("values");
		List<?> files = list(header.get("files"), "X-API-Key files");
		assertThat(files).as("the X-API-Key of every scrape").hasSize(1);
		// the replicas' metrics key and the file Prometheus reads are the same variable of .env
		String variable = metricsKeys.iterator().next().replaceAll("^\\$\\{([A-Z_]+):\\?.*$", "$1");
		Map<String, Object> prometheus = map(services.get("prometheus"), "prometheus");
		assertThat(environment(prometheus)).containsKey(variable);
		assertThat(String.valueOf(prometheus.get("entrypoint"))).contains("\"$$" + variable + "\" > " + files.get(0));
	}

	@Test
	void composeRunsPrometheusAndGrafanaFromTheseFiles() throws IOException {
		Map<String, Object> services = map(yaml(COMPOSE_FILE).get("services"), "services");
		Map<String, Object> prometheus = map(services.get("prometheus"), "prometheus");
		Map<String, Object> grafana = map(services.get("grafana"), "grafana");

		assertThat(String.valueOf(prometheus.get("image"))).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
		assertThat(String.valueOf(grafana.get("image"))).matches("grafana/grafana:\\d+\\.\\d+\\.\\d+");
		assertThat(strings(prometheus.get("ports"))).containsExactly("127.0.0.1:9090:9090");
		assertThat(strings(grafana.get("ports"))).containsExactly("127.0.0.1:3000:3000");

		Map<String, String> prometheusMounts = mounts(prometheus);
		assertThat(prometheusMounts).containsEntry("/etc/prometheus/prometheus.yml", "./" + PROMETHEUS_YML);

		Map<String, String> grafanaMounts = mounts(grafana);
		for (String kind : List.of("datasources", "dashboards")) {
			assertThat(grafanaMounts).containsEntry("/etc/grafana/provisioning/" + kind,
					"./" + GRAFANA_PROVISIONING.resolve(kind));
		}
		String dashboardsFolder = providerPath();
		assertThat(grafanaMounts).containsEntry(dashboardsFolder, "./" + DashboardQueries.DASHBOARD.getParent());
		assertThat(String.valueOf(environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
			.isEqualTo(dashboardsFolder + "/" + DashboardQueries.DASHBOARD.getFileName());

		for (String source : prometheusMounts.values()) {
			assertThat(Path.of(source)).as("mounted into prometheus").exists();
		}
		for (String source : grafanaMounts.values()) {
			assertThat(Path.of(source)).as("mounted into grafana").exists();
		}
	}

	@Test
	void dashboardQueriesTheProvisionedDataSourceAndPrometheusJob() throws IOException {
		Map<String, Object> dataSource = provisionedDataSource();
		assertThat(dataSource.get("type")).isEqualTo("prometheus");
		assertThat(dataSource.get("url")).as("the compose file's prometheus service").isEqualTo("http://prometheus:9090");
		String uid = String.valueOf(dataSource.get("uid"));

		JsonNode dashboard = DashboardQueries.dashboard();
		List<String> wrong = new ArrayList<>();
		for (JsonNode panel : DashboardQueries.panels(dashboard)) {
			if ("row".equals(panel.path("type").asString())) {
				continue;
			}
			String title = panel.path("title").asString();
			if (!uid.equals(panel.path("datasource").path("uid").asString())) {
				wrong.add(title);
			}
			assertThat(panel.path("targets").isEmpty()).as("panel %s has queries", title).isFalse();
			for (JsonNode target : panel.path("targets")) {
				if (!uid.equals(target.path("datasource").path("uid").asString())) {
					wrong.add(title + " " + target.path("refId").asString());
				}
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if ("query".equals(variable.path("type").asString())
					&& !uid.equals(variable.path("datasource").path("uid").asString())) {
				wrong.add("variable " + variable.path("name").asString());
			}
		}
		assertThat(wrong).as("panels and variables not on the data source uid %s", uid).isEmpty();

		Object jobName = exportServiceJob().get("job_name");
		for (Query query : DashboardQueries.of(dashboard)) {
			Matcher job = JOB_MATCHER.matcher(query.expr());
			while (job.find()) {
				assertThat(job.group(1)).as("job of %s", query.where()).isEqualTo(jobName);
			}
		}
	}

	@Test
	void queriesAreReadForTheirMetricsAndLabels() {
		Query quantile = DashboardQueries.parse("q", "histogram_quantile(0.95, sum by (le, file_type) "
				+ "(rate(export_duration_seconds_bucket{status=\"succeeded\", source=~\"$source\"}[$__rate_interval])))");
		assertThat(quantile.metrics()).containsExactly("export_duration_seconds_bucket");
		assertThat(quantile.labels()).containsExactlyInAnyOrder("le", "file_type", "status", "source");

		Query ratio = DashboardQueries.parse("q", "sum(increase(a_total{x=\"}\"}[1h:1m] offset 5m)) / on (instance) "
				+ "group_left(node) max without(job) (b) > bool 1e-3 and c unless Inf");
		assertThat(ratio.metrics()).containsExactlyInAnyOrder("a_total", "b", "c");
		assertThat(ratio.labels()).containsExactlyInAnyOrder("x", "instance", "node", "job");

		Query variable = DashboardQueries.variable("v", "label_values(export_tasks_accepted_total{file_type=\"csv\"}, source)");
		assertThat(variable.metrics()).containsExactly("export_tasks_accepted_total");
		assertThat(variable.labels()).containsExactlyInAnyOrder("file_type", "source");

		assertThat(DashboardQueries.family("export_duration_seconds_bucket")).isEqualTo("export_duration_seconds");
		assertThat(DashboardQueries.family("export_tasks_accepted_total")).isEqualTo("export_tasks_accepted");
	}

	// ---- the files ----------------------------------------------------------------------------------------------

	private static Map<String, Object> exportServiceJob() throws IOException {
		List<Map<String, Object>> jobs = new ArrayList<>();
		for (Object job : list(yaml(PROMETHEUS_YML).get("scrape_configs"), "scrape_configs")) {
			Map<String, Object> config = map(job, "scrape_config");
			if ("/actuator/prometheus".equals(config.get("metrics_path"))) {
				jobs.add(config);
			}
		}
		assertThat(jobs).as("scrape configs of /actuator/prometheus in %s", PROMETHEUS_YML).hasSize(1);
		return jobs.get(0);
	}

	private static Map<String, Object> provisionedDataSource() throws IOException {
		List<?> dataSources = list(yaml(GRAFANA_PROVISIONING.resolve("datasources").resolve("prometheus.yml"))
			.get("datasources"), "datasources");
		assertThat(dataSources).hasSize(1);
		return map(dataSources.get(0), "datasource");
	}

	private static String providerPath() throws IOException {
		List<?> providers = list(yaml(GRAFANA_PROVISIONING.resolve("dashboards").resolve("export-service.yml"))
			.get("providers"), "providers");
		assertThat(providers).hasSize(1);
		Map<String, Object> provider = map(providers.get(0), "provider");
		assertThat(provider.get("type")).isEqualTo("file");
		return String.valueOf(map(provider.get("options"), "options").get("path"));
	}

	/** The compose service's environment in its map form. */
	private static Map<String, Object> environment(Map<String, Object> service) {
		return map(service.get("environment"), "environment");
	}

	/** A service's bind mounts in the short form, target to source ({@code :ro} dropped); named volumes left out. */
	private static Map<String, String> mounts(Map<String, Object> service) {
		Map<String, String> mounts = new TreeMap<>();
		for (String volume : strings(service.get("volumes"))) {
			String[] parts = volume.split(":");
			if (parts[0].startsWith("./")) {
				mounts.put(parts[1], parts[0]);
			}
		}
		return mounts;
	}

	/** The keys of {@code EXPORT_SECURITY_API_KEYS_<n>_KEY} whose {@code _METRICS} is true. */
	private static Set<String> metricsKeys(Map<String, Object> environment) {
		Set<String> keys = new TreeSet<>();
		Pattern key = Pattern.compile("EXPORT_SECURITY_API_KEYS_(\\d+)_KEY");
		environment.forEach((name, value) -> {
			Matcher matcher = key.matcher(name);
			if (matcher.matches() && "true".equals(String.valueOf(
					environment.get("EXPORT_SECURITY_API_KEYS_" + matcher.group(1) + "_METRICS")))) {
				keys.add(String.valueOf(value));
			}
		});
		return keys;
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		assertThat(file).isRegularFile();
		// SnakeYAML: the compose file shares the replicas' settings through YAML merge keys (<<: *anchor)
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
	}

	private static List<String> strings(Object value) {
		return list(value, "list").stream().map(String::valueOf).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String what) {
		assertThat(value).as(what).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static List<?> list(Object value, String what) {
		assertThat(value).as(what).isInstanceOf(List.class);
		return (List<?>) value;
	}

}
