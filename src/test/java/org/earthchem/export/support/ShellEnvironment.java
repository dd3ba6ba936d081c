package org.earthchem.export.support;

import java.util.List;
import java.util.Map;

/**
 * The variables of a developer's shell that point the service at real servers, or log it in to them: they are for
 * {@code make run}, and a service a test starts never sees them. Spring Boot binds {@code SPRING_*}, {@code EXPORT_*},
 * {@code MANAGEMENT_*} and {@code SERVER_*} to settings (and {@code SPRING_APPLICATION_JSON} outranks the JVM's system
 * properties), application.yml reads {@code OPENSEARCH_*}, {@code SMTP_*} and {@code AWS_REGION}, and the AWS SDK
 * reads {@code AWS_*} itself ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_S3}, credentials, profile).
 */
public final class ShellEnvironment {

	static final List<String> PREFIXES = List.of("SPRING_", "EXPORT_", "MANAGEMENT_", "SERVER_", "OPENSEARCH_", "SMTP_",
			"AWS_");

	private ShellEnvironment() {
	}

	/** True when the variable may send a service somewhere else than the test stack. */
	public static boolean pointsElsewhere(String variable) {
		return PREFIXES.stream().anyMatch(variable::startsWith);
	}

	/** Removes from a process's environment every variable that may send it somewhere else than the test stack. */
	public static void clean(Map<String, String> environment) {
		environment.keySet().removeIf(ShellEnvironment::pointsElsewhere);
	}

}
