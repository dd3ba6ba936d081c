package org.earthchem.export.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The settings of the service's application.yml whose value comes from an environment variable, with that variable. */
public final class EnvironmentSettings {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)");

	private EnvironmentSettings() {
	}

	/** Setting name (as Spring names it) to the variable its placeholder reads, in the order of the file. */
	public static Map<String, String> ofApplicationYml() {
		Map<String, String> settings = new LinkedHashMap<>();
		for (PropertySource<?> source : load()) {
			EnumerablePropertySource<?> properties = (EnumerablePropertySource<?>) source;
			for (String name : properties.getPropertyNames()) {
				Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(properties.getProperty(name)));
				if (placeholder.find()) {
					settings.put(name, placeholder.group(1));
				}
			}
		}
		return settings;
	}

	private static List<PropertySource<?>> load() {
		try {
			// the main tree's file: the test tree has application-*.yml only
			return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
