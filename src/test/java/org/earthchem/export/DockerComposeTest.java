package org.earthchem.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code docker-compose.yml} gives the service replicas only variables the service reads, and is a valid Compose file
 * ({@code docker-compose config -q}, when Debian's {@code docker-compose} is installed; CI installs it and sets
 * {@code EXPORT_REQUIRE_DOCKER_COMPOSE=1} so that it fails rather than skips without it). No Spring context: the
 * service's configuration is read from {@code application.yml} and the compiled classes.
 */
class DockerComposeTest {

	private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");

	private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");

	private static final Path CLASSES = Path.of("target", "classes");

	private static final Path PROMETHEUS_YML = Path.of("observability", "prometheus", "prometheus.yml");

	private static final Path LOCALSTACK_INIT = Path.of("docker", "localstack", "init", "ready.d", "init-aws.sh");

	/** The service replicas: built from this repository. */
	private static final Pattern REPLICA = Pattern.compile("export-\\d+");

	/** Read by the AWS SDK's default region and credentials providers, by definition. */
	private static final Set<String> AWS_SDK_VARIABLES = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID",
			"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

	/** Spring Cloud AWS's own properties (its configuration metadata names them), bound like the service's. */
	private static final String SPRING_CLOUD_AWS_PREFIX = "spring.cloud.aws.";

	private static final Pattern PLACEHOLDER_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[:}]");

	private static final Pattern VALUE_PROPERTY = Pattern.compile("\\$\\{([^:}$#{]+)");

	private static Map<String, Object> services;

	@BeforeAll
	static void readComposeFile() throws IOException {
		assertThat(COMPOSE_FILE).as("docker-compose.yml at the project root").isRegularFile();
		// SnakeYAML, not Jackson: the file shares the replicas' settings through YAML merge keys (<<: *anchor)
		Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(COMPOSE_FILE));
		services = map(compose.get("services"), "services");
	}

	@Test
	void replicasAreGivenOnlyVariablesTheServiceReads() throws IOException {
		Map<String, String> given = new TreeMap<>();
		replicas().values().forEach((replica) -> given.putAll(environment(replica)));

		Map<String, String> reasons = new TreeMap<>();
		Set<String> placeholders = placeholders(Files.readString(APPLICATION_YML));
		Set<String> bound = boundByTheService(given);
		for (String variable : given.keySet()) {
			if (placeholders.contains(variable)) {
				reasons.put(variable, "application.yml placeholder");
			}
			else if (AWS_SDK_VARIABLES.contains(variable)) {
				reasons.put(variable, "AWS SDK");
			}
			else if (bound.contains(variable)) {
				reasons.put(variable, "bound to a configuration property");
			}
			else if (namedInCompiledCode(variable)) {
				reasons.put(variable, "read by name in the service's code");
			}
		}

		Set<String> unread = new TreeSet<>(given.keySet());
		unread.removeAll(reasons.keySet());
		if (!unread.isEmpty()) {
			StringBuilder message = new StringBuilder("docker-compose.yml gives the service variables it does not read:");
			for (String variable : unread) {
				message.append("\n  ").append(variable);
			}
			message.append("\nread: ").append(reasons);
			fail(message.toString());
		}
	}

	@Test
	void replicasDifferOnlyInTheirNodeIdAndPort() {
		Map<String, Map<String, Object>> replicas = replicas();
		assertThat(replicas).as("service replicas export-N").hasSizeGreaterThanOrEqualTo(2);
		Set<String> nodeIds = new TreeSet<>();
		Set<Object> ports = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
		Map<String, String> shared = null;
		for (Map.Entry<String, Map<String, Object>> replica : replicas.entrySet()) {
			Map<String, String> environment = new TreeMap<>(environment(replica.getValue()));
			assertThat(environment.remove("EXPORT_NODE_ID")).as("EXPORT_NODE_ID of %s", replica.getKey())
				.isEqualTo(replica.getKey());
			nodeIds.add(replica.getKey());
			if (shared == null) {
				shared = environment;
			}
			assertThat(environment).as("environment of %s", replica.getKey()).isEqualTo(shared);
			Map<String, Object> build = map(replica.getValue().get("build"), replica.getKey() + ".build");
			assertThat(build.get("target")).as("%s is built from the Dockerfile's runtime stage", replica.getKey())
				.isEqualTo("runtime");
			assertThat(String.valueOf(map(replica.getValue().get("healthcheck"), "healthcheck").get("test")))
				.contains("/actuator/health");
			List<?> published = (List<?>) replica.getValue().get("ports");
			assertThat(published).as("ports of %s", replica.getKey()).hasSize(1);
			assertThat(ports.add(published.get(0))).as("a port of its own for %s", replica.getKey()).isTrue();
		}
		assertThat(services).containsKeys("opensearch", "localstack", "postgres", "seed", "mailpit");
	}

	@Test
	void replicasHaveNoDemoKeysOnlyTheOperatorAndMetricsKeysOfTheEnvFile() {
		Map<String, String> environment = environment(replicas().values().iterator().next());
		for (String value : environment.values()) {
			assertThat(value).as("a demo key in docker-compose.yml").doesNotContain("demo-key");
		}
		Map<String, Map<String, String>> keys = apiKeys(environment);
		assertThat(keys).as("API keys the replicas are given").hasSize(2);
		Map<String, String> operator = keys.values().stream()
			.filter((key) -> "true".equals(key.get("OPERATOR")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no operator key in docker-compose.yml"));
		assertThat(operator.get("KEY")).as("the operator key, required from .env")
			.matches(requiredVariable("EXPORT_OPERATOR_KEY"));
		Map<String, String> metrics = keys.values().stream()
			.filter((key) -> "true".equals(key.get("METRICS")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no metrics key in docker-compose.yml"));
		assertThat(metrics.get("KEY")).as("the metrics key, required from .env")
			.matches(requiredVariable("EXPORT_METRICS_KEY"));
		assertThat(metrics).as("a metrics key has no sources nor the operator role")
			.doesNotContainKeys("SOURCES", "OPERATOR");
	}

	@Test
	void onlyTheReplicasPublishPortsBeyondThisMachine() {
		Map<String, String> published = new TreeMap<>();
		services.forEach((name, service) -> {
			Object ports = map(service, name).get("ports");
			if (ports != null && !REPLICA.matcher(name).matches()) {
				for (Object port : (List<?>) ports) {
					published.put(name + " " + port, String.valueOf(port));
				}
			}
		});
		assertThat(published).as("ports of the stack's services").isNotEmpty();
		assertThat(published).allSatisfy((service, port) -> assertThat(port).as(service).startsWith("127.0.0.1:"));
		replicas().forEach((name, replica) -> assertThat(String.valueOf(((List<?>) replica.get("ports")).get(0)))
			.as("%s is the service: published for clients", name).doesNotStartWith("127.0.0.1:"));
	}

	@Test
	void grafanasAdminPasswordComesFromTheEnvironmentAndNoOneViewsAnonymously() {
		Map<String, String> grafana = environment(map(services.get("grafana"), "grafana"));
		assertThat(grafana.get("GF_SECURITY_ADMIN_PASSWORD")).matches(requiredVariable("GRAFANA_ADMIN_PASSWORD"));
		assertThat(grafana.get("GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("false");
	}

	@Test
	void prometheusReadsTheMetricsKeyFromAFileWrittenFromTheEnvironment() throws IOException {
		Map<String, Object> prometheus = map(services.get("prometheus"), "prometheus");
		assertThat(environment(prometheus).get("EXPORT_METRICS_KEY")).matches(requiredVariable("EXPORT_METRICS_KEY"));
		String keyFile = scrapeKeyFile();
		assertThat(String.join(" ", ((List<?>) prometheus.get("entrypoint")).stream().map(String::valueOf).toList()))
			.as("prometheus's entrypoint writes the key file, then runs Prometheus")
			.contains("\"$$EXPORT_METRICS_KEY\" > " + keyFile)
			.contains("exec /bin/prometheus --config.file=/etc/prometheus/prometheus.yml");
	}

	@Test
	void dockerComposeRefusesTheFileWithoutTheEnvFilesSecrets() throws IOException, InterruptedException {
		requireDockerCompose();
		Map<String, String> noSecrets = Map.of();
		Result result = dockerComposeConfig(noSecrets);
		assertThat(result.exitValue()).as("docker-compose config without .env:\n%s", result.output()).isNotZero();
		assertThat(result.output()).contains("EXPORT_OPERATOR_KEY");
	}

	@Test
	void localStackCreatesTheQueuesAndTheBucketTheReplicasName() throws IOException {
		Map<String, String> environment = environment(replicas().values().iterator().next());
		assertThat(LOCALSTACK_INIT).isRegularFile();
		assertThat(Files.isExecutable(LOCALSTACK_INIT)).as("LocalStack runs only executable init scripts").isTrue();
		String script = Files.readString(LOCALSTACK_INIT);
		assertThat(script).contains("QUEUE=export-tasks.fifo\n")
			.contains("DEAD_LETTER_QUEUE=export-tasks-dlq.fifo\n")
			.contains("BUCKET=" + environment.get("EXPORT_BUCKET") + "\n")
			.contains("\"maxReceiveCount\\\":\\\"1000\\\"");
		assertThat(String.valueOf(map(services.get("localstack"), "localstack").get("volumes")))
			.contains("./docker/localstack/init/ready.d:/etc/localstack/init/ready.d");
	}

	@Test
	void dockerComposeAcceptsTheFile() throws IOException, InterruptedException {
		requireDockerCompose();
		Result result = dockerComposeConfig(Map.of("EXPORT_OPERATOR_KEY", "exk_operator", "EXPORT_METRICS_KEY",
				"exk_metrics", "GRAFANA_ADMIN_PASSWORD", "a-password"));
		assertThat(result.exitValue()).as("docker-compose -f docker-compose.yml config -q:\n%s", result.output())
			.isZero();
	}

	private static void requireDockerCompose() {
		boolean installed = onPath("docker-compose");
		if (!installed && "1".equals(System.getenv("EXPORT_REQUIRE_DOCKER_COMPOSE"))) {
			fail("docker-compose is required (EXPORT_REQUIRE_DOCKER_COMPOSE=1): apt-get install docker-compose");
		}
		assumeTrue(installed, "docker-compose is not on the PATH (CI installs Debian's docker-compose)");
	}

	/**
	 * {@code docker-compose config -q} with only the given variables of .env: an empty env file stands for the
	 * project's .env (a developer's own must not decide the result), and the variables are taken out of this JVM's
	 * environment before the given ones are put in.
	 */
	private static Result dockerComposeConfig(Map<String, String> variables) throws IOException, InterruptedException {
		Path emptyEnvFile = Files.createTempFile("compose", ".env");
		try {
			ProcessBuilder builder = new ProcessBuilder("docker-compose", "--env-file", emptyEnvFile.toString(), "-f",
					COMPOSE_FILE.toString(), "config", "-q")
				.redirectErrorStream(true);
			builder.environment().keySet().removeIf((name) -> name.startsWith("EXPORT_") || name.startsWith("GRAFANA_"));
			builder.environment().putAll(variables);
			Process process = builder.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				fail("docker-compose config -q did not finish within 2 minutes: " + output);
			}
			return new Result(process.exitValue(), output);
		}
		finally {
			Files.deleteIfExists(emptyEnvFile);
		}
	}

	private record Result(int exitValue, String output) {
	}

	/** A Compose reference to a variable that must be set ({@code ${NAME:?message}}). */
	private static String requiredVariable(String name) {
		return Pattern.quote("${" + name + ":?") + "[^}]+\\}";
	}

	/** The API keys of a replica's environment, by index: {@code KEY}, {@code OWNER}, … of {@code EXPORT_SECURITY_API_KEYS_<n>_…}. */
	private static Map<String, Map<String, String>> apiKeys(Map<String, String> environment) {
		Pattern variable = Pattern.compile("EXPORT_SECURITY_API_KEYS_(\\d+)_(\\w+)");
		Map<String, Map<String, String>> keys = new TreeMap<>();
		environment.forEach((name, value) -> {
			Matcher matcher = variable.matcher(name);
			if (matcher.matches()) {
				keys.computeIfAbsent(matcher.group(1), (n) -> new TreeMap<>()).put(matcher.group(2), value);
			}
		});
		return keys;
	}

	/** The one file the scrape of /actuator/prometheus reads its X-API-Key from; no key written as a value. */
	private static String scrapeKeyFile() throws IOException {
		Map<String, Object> prometheusYml = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(PROMETHEUS_YML));
		for (Object job : (List<?>) prometheusYml.get("scrape_configs")) {
			Map<String, Object> config = map(job, "scrape_config");
			if ("/actuator/prometheus".equals(config.get("metrics_path"))) {
				Map<String, Object> header = map(map(config.get("http_headers"), "http_headers").get("X-API-Key"),
						"X-API-Key");
				assertThat(header).as("the scrape's X-API-Key: a file, no value").containsOnlyKeys("files");
				List<?> files = (List<?>) header.get("files");
				assertThat(files).hasSize(1);
				return String.valueOf(files.get(0));
			}
		}
		throw new AssertionError("no scrape of /actuator/prometheus in " + PROMETHEUS_YML);
	}

	// ---- the compose file ---------------------------------------------------------------------------------------

	private static Map<String, Map<String, Object>> replicas() {
		Map<String, Map<String, Object>> replicas = new TreeMap<>();
		services.forEach((name, service) -> {
			if (REPLICA.matcher(name).matches()) {
				replicas.put(name, map(service, name));
			}
		});
		assertThat(replicas).as("service replicas export-N in docker-compose.yml").isNotEmpty();
		return replicas;
	}

	/** A service's environment, in either of Compose's forms (a map, or a list of NAME=value). */
	private static Map<String, String> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((name, value) -> variables.put(String.valueOf(name), (value != null) ? String.valueOf(value) : ""));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String text = String.valueOf(entry);
				int equals = text.indexOf('=');
				variables.put((equals < 0) ? text : text.substring(0, equals), (equals < 0) ? "" : text.substring(equals + 1));
			}
		}
		return variables;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String what) {
		assertThat(value).as(what).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	// ---- what the service reads -----------------------------------------------------------------------------------

	/** {@code ${VARIABLE}} and {@code ${VARIABLE:default}} placeholders. */
	static Set<String> placeholders(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = PLACEHOLDER_VARIABLE.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The variables Spring Boot's binder takes from an environment holding {@code given}, when it binds what the
	 * service binds: every {@code @ConfigurationProperties} type under target/classes (at its prefix), every property
	 * of an {@code @Value}, and Spring Cloud AWS's properties. Relaxed binding is Spring Boot's own, so
	 * {@code EXPORT_NODE_ID} counts as {@code export.node-id}, and
	 * {@code EXPORT_SECURITY_API_KEYS_0_KEY} counts as {@code export.security.api-keys[0].key}.
	 */
	private static Set<String> boundByTheService(Map<String, String> given) throws IOException {
		Map<String, Object> variables = new TreeMap<>(given);
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
		Binder binder = new Binder(ConfigurationPropertySources.from(environment), null,
				ApplicationConversionService.getSharedInstance());
		Set<String> used = new TreeSet<>();
		BindHandler recorder = new BindHandler() {

			@Override
			public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				ConfigurationProperty property = context.getConfigurationProperty();
				if (property != null) {
					Origin origin = property.getOrigin();
					if (origin instanceof PropertySourceOrigin source) {
						used.add(source.getPropertyName());
					}
				}
				return result;
			}

		};

		List<String> failures = new ArrayList<>();
		ServiceConfiguration configuration = ServiceConfiguration.scan(CLASSES);
		assertThat(configuration.properties()).as("@ConfigurationProperties types under %s", CLASSES).isNotEmpty();
		configuration.properties().forEach((type, prefix) -> bind(binder, prefix, Bindable.of(type), recorder, failures));
		for (String property : configuration.valueProperties()) {
			if (given.containsKey(property)) {
				// @Value("${SOME_VARIABLE}"): the variable itself
				used.add(property);
			}
			else {
				bind(binder, property, Bindable.of(String.class), recorder, failures);
			}
		}
		for (String property : springCloudAwsProperties()) {
			bind(binder, property, Bindable.of(String.class), recorder, failures);
		}
		assertThat(failures).as("values in docker-compose.yml the service cannot bind").isEmpty();
		return used;
	}

	private static void bind(Binder binder, String name, Bindable<?> target, BindHandler handler, List<String> failures) {
		if (!ConfigurationPropertyName.isValid(name)) {
			return;
		}
		try {
			binder.bind(name, target, handler);
		}
		catch (RuntimeException ex) {
			failures.add(name + ": " + ex.getMessage() + ((ex.getCause() != null) ? " (" + ex.getCause().getMessage() + ")" : ""));
		}
	}

	/** The properties Spring Cloud AWS's configuration metadata declares. */
	private static Set<String> springCloudAwsProperties() throws IOException {
		Set<String> names = new TreeSet<>();
		Enumeration<URL> metadata = DockerComposeTest.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(metadata)) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith(SPRING_CLOUD_AWS_PREFIX)) {
						names.add(name);
					}
				}
			}
		}
		assertThat(names).as("Spring Cloud AWS configuration metadata").contains("spring.cloud.aws.endpoint");
		return names;
	}

	/** Whether the variable's name is a string constant of a compiled class (read with getenv or getProperty). */
	private static boolean namedInCompiledCode(String variable) throws IOException {
		byte[] name = variable.getBytes(StandardCharsets.UTF_8);
		// a CONSTANT_Utf8 entry: tag 1, two bytes of length, the bytes
		byte[] entry = new byte[name.length + 3];
		entry[0] = 1;
		entry[1] = (byte) (name.length >> 8);
		entry[2] = (byte) name.length;
		System.arraycopy(name, 0, entry, 3, name.length);
		try (Stream<Path> files = Files.walk(CLASSES)) {
			return files.filter((file) -> file.toString().endsWith(".class")).anyMatch((file) -> contains(read(file), entry));
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean contains(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i <= bytes.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String folder : path.split(java.io.File.pathSeparator)) {
			if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, command))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What the compiled service binds: {@code @ConfigurationProperties} types (on the type or on a {@code @Bean}
	 * method) with their prefixes, and the properties named by {@code @Value} placeholders.
	 */
	record ServiceConfiguration(Map<Class<?>, String> properties, Set<String> valueProperties) {

		static ServiceConfiguration scan(Path classes) throws IOException {
			assertThat(classes).as("the service's compiled classes").isDirectory();
			Map<Class<?>, String> properties = new LinkedHashMap<>();
			Set<String> valueProperties = new TreeSet<>();
			ClassLoader loader = DockerComposeTest.class.getClassLoader();
			List<String> names;
			try (Stream<Path> files = Files.walk(classes)) {
				names = files.map((file) -> classes.relativize(file).toString())
					.filter((file) -> file.endsWith(".class") && !file.endsWith("module-info.class")
							&& !file.endsWith("package-info.class"))
					.map((file) -> file.substring(0, file.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
					.sorted()
					.toList();
			}
			for (String name : names) {
				Class<?> type;
				try {
					type = Class.forName(name, false, loader);
				}
				catch (ClassNotFoundException | LinkageError ex) {
					continue;
				}
				try {
					ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
					if (annotation != null) {
						properties.put(type, prefix(annotation));
					}
					for (Method method : type.getDeclaredMethods()) {
						ConfigurationProperties onBean = method.getAnnotation(ConfigurationProperties.class);
						if (onBean != null) {
							properties.put(method.getReturnType(), prefix(onBean));
						}
						collectValues(method, valueProperties);
					}
					for (Executable constructor : type.getDeclaredConstructors()) {
						collectValues(constructor, valueProperties);
					}
					for (AnnotatedElement field : type.getDeclaredFields()) {
						addValue(field.getAnnotation(Value.class), valueProperties);
					}
				}
				catch (RuntimeException | LinkageError ex) {
					// a type whose signatures name a class that is not on the test classpath: nothing to bind
				}
			}
			return new ServiceConfiguration(properties, valueProperties);
		}

		private static String prefix(ConfigurationProperties annotation) {
			return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
		}

		private static void collectValues(Executable executable, Set<String> valueProperties) {
			addValue(executable.getAnnotation(Value.class), valueProperties);
			for (Parameter parameter : executable.getParameters()) {
				addValue(parameter.getAnnotation(Value.class), valueProperties);
			}
		}

		private static void addValue(Value value, Set<String> valueProperties) {
			if (value != null) {
				Matcher matcher = VALUE_PROPERTY.matcher(value.value());
				while (matcher.find()) {
					valueProperties.add(matcher.group(1).trim());
				}
			}
		}

	}

}
