package org.earthchem.export.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.earthchem.export.ExportServiceApplication;
import org.earthchem.export.support.TestStack;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A wrong source file stops the service at start, with a message an operator can act on. */
class BadSourceFileStartupTest {

	@TempDir
	Path sources;

	@Test
	void aSourceFileNamingAFieldTheIndexDoesNotHaveStopsTheServiceWithTheFileAndKeyInTheMessage() throws IOException {
		String petdb = Files.readString(Path.of("batch-config", "sources", "petdb.yml"));
		String broken = petdb.replace("chemistry.whole_rock.major.SiO2.value", "chemistry.whole_rock.major.NoSuchOxide.value");
		assertThat(broken).isNotEqualTo(petdb);
		Path file = this.sources.resolve("petdb.yml");
		Files.writeString(file, broken);

		Throwable failure = catchThrowable(() -> start(file.getParent()));

		assertThat(failure).as("the service refused to start").isNotNull();
		SourceDefinitionException cause = causeOfType(failure, SourceDefinitionException.class);
		assertThat(cause).as("a SourceDefinitionException in the cause chain of %s", failure).isNotNull();
		assertThat(cause.getMessage()).contains(file.toString())
			.contains("parameters.sio2.field")
			.contains("chemistry.whole_rock.major.NoSuchOxide.value");
	}

	private static void start(Path sourcesDir) {
		Map<String, String> properties = new LinkedHashMap<>(TestStack.get().properties());
		properties.put("export.sources-dir", sourcesDir.toString());
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", "jdbc:h2:mem:badstart");
		// as command-line arguments: the builder's properties() are defaults, which application*.yml would override
		List<String> args = new ArrayList<>();
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExportServiceApplication.class)
			.profiles("test")
			.run(args.toArray(String[]::new))) {
			// started although it should not have: closing it keeps the JVM clean for the other tests
		}
	}

	private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
