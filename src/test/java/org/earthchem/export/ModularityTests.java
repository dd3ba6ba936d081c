package org.earthchem.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms of the service as Spring Modulith sees them: each package under {@code org.earthchem.export} is a module
 * whose base package is its face; sub-packages are its internals, offered to others only as named interfaces
 * ({@code package-info.java}). The module rules hold (no cycles between modules, no use of another module's
 * internals), and the module diagrams in {@code docs/modules/} are those of the code (line for line, in any order). After an intended change of the
 * modules, write them anew: {@code ./mvnw -o -q test -Dtest=ModularityTests -Dmodules.update=true}.
 */
class ModularityTests {

	static final Path DIAGRAMS = Path.of("docs", "modules");

	private static final String UPDATE = "modules.update";

	private static final ApplicationModules MODULES = ApplicationModules.of(ExportServiceApplication.class);

	@Test
	void modulesUseOnlyEachOthersApiAndFormNoCycle() {
		MODULES.verify();
	}

	@Test
	void theModuleDiagramsInDocsAreThoseOfTheCode() throws IOException {
		Path written = Path.of("target", "spring-modulith-docs");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();

		if (Boolean.getBoolean(UPDATE)) {
			copy(written, DIAGRAMS);
			return;
		}
		List<String> stale = new ArrayList<>();
		for (Path file : files(written)) {
			Path committed = DIAGRAMS.resolve(written.relativize(file));
			if (!Files.exists(committed) || !sameLines(committed, file)) {
				stale.add(committed.toString());
			}
		}
		assertThat(stale).as("module documentation differs from the code; write it with: ./mvnw -o -q test "
				+ "-Dtest=ModularityTests -D" + UPDATE + "=true").isEmpty();
	}

	/** The same lines, in any order: the Documenter lists modules and their arrows in no fixed order. */
	private static boolean sameLines(Path one, Path other) throws IOException {
		return Files.readAllLines(one).stream().sorted().toList()
			.equals(Files.readAllLines(other).stream().sorted().toList());
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		for (Path file : files(from)) {
			Path target = to.resolve(from.relativize(file));
			Files.createDirectories(target.getParent());
			Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

}
