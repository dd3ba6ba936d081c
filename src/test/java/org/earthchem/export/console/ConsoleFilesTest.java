package org.earthchem.export.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files as a browser fetches them before anyone signs in: the page names its entry module
 * ({@code <script type="module">}), and that module's relative imports name the others. Each is served without a
 * key, as JavaScript (a browser refuses a module script of any other type, and the service sends nosniff), not
 * kept in a cache (a page must not mix modules of two versions), and no script in the sources is left unreachable.
 */
class ConsoleFilesTest extends IntegrationTest {

	private static final Path SOURCES = Path.of("src", "main", "resources", "static", "console");

	private static final Pattern MODULE_SCRIPT = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");

	private static final Pattern IMPORT = Pattern.compile("^import \\{[^}]*\\} from '([^']+)';$", Pattern.MULTILINE);

	private ResponseEntity<String> get(String path) {
		return http(null).get().uri(path).retrieve().toEntity(String.class);
	}

	@Test
	void thePageAndEveryModuleItImportsAreServedWithoutAKeyAsJavaScript() throws IOException {
		ResponseEntity<String> page = get("/console/");
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
		Matcher entry = MODULE_SCRIPT.matcher(page.getBody());
		assertThat(entry.find()).as("index.html loads the console as a module script").isTrue();

		Set<String> served = new TreeSet<>();
		Deque<URI> modules = new ArrayDeque<>();
		modules.push(URI.create("/console/").resolve(entry.group(1))); // the page's <base href="/console/">
		while (!modules.isEmpty()) {
			URI module = modules.pop();
			if (!served.add(module.getPath())) {
				continue;
			}
			ResponseEntity<String> answer = get(module.getPath());
			assertThat(answer.getStatusCode().value()).as(module.getPath()).isEqualTo(200);
			assertThat(answer.getHeaders().getContentType()).as(module.getPath())
				.matches((type) -> type.isCompatibleWith(MediaType.parseMediaType("text/javascript")));
			assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(answer.getHeaders().getCacheControl()).as(module.getPath()).contains("no-store");
			Matcher imports = IMPORT.matcher(answer.getBody());
			while (imports.find()) {
				modules.push(module.resolve(imports.group(1)));
			}
		}

		Set<String> scripts;
		try (Stream<Path> files = Files.walk(SOURCES)) {
			scripts = files.filter((file) -> file.toString().endsWith(".js"))
				.map((file) -> "/console/" + SOURCES.relativize(file).toString().replace('\\', '/'))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		assertThat(served).as("every script of the console is a module reached from index.html").isEqualTo(scripts);
	}

}
