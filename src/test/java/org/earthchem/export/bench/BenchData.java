package org.earthchem.export.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.earthchem.export.devstack.DemoIndices;
import org.earthchem.export.devstack.PetDbSamples;

/**
 * What the benchmark reads: PetDB-like indices of 40,000 and 80,000 documents (2,897 mapped columns) and the source
 * definitions that export them, {@value #SOURCE} and {@value #BIG_SOURCE}.
 */
final class BenchData {

	static final String INDEX = "bench-petdb-40k";

	static final String BIG_INDEX = "bench-petdb-80k";

	static final String SOURCE = "bench";

	static final String BIG_SOURCE = "bench80k";

	static final int ROWS = 40_000;

	static final int BIG_ROWS = 80_000;

	static final String SORT_FIELD = "sample_id";

	/** A range parameter whose lower bounds below 1965 (the earliest citation year) all match every document. */
	static final String YEAR_PARAMETER = "year";

	private BenchData() {
	}

	/** Seeds both indices and merges each to one segment. */
	static void seed(String openSearchUrl) throws IOException, InterruptedException {
		DemoIndices.seed(openSearchUrl, INDEX, PetDbSamples.GENERATOR, ROWS);
		DemoIndices.seed(openSearchUrl, BIG_INDEX, PetDbSamples.GENERATOR, BIG_ROWS);
		// one segment each and idle, so background merging does not blur the measurements
		HttpResponse<String> merged = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + INDEX + "," + BIG_INDEX
					+ "/_forcemerge?max_num_segments=1"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofMinutes(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (merged.statusCode() != 200) {
			throw new IllegalStateException("force merge answered " + merged.statusCode() + ": " + merged.body());
		}
	}

	/** Writes the source definitions into {@code dir} (the service's {@code EXPORT_SOURCES_DIR}). */
	static Path writeSources(Path dir) throws IOException {
		Files.createDirectories(dir);
		String common = """
				sortField: %s
				textFields: [sample_name, comments, citation.title]
				parameters:
				  material: { field: material, kind: term }
				  %s: { field: citation.year, kind: range }
				columns: mapping
				""".formatted(SORT_FIELD, YEAR_PARAMETER);
		Files.writeString(dir.resolve(SOURCE + ".yml"),
				"name: " + SOURCE + "\ntitle: Bench 40k\nindex: " + INDEX + "\n" + common);
		Files.writeString(dir.resolve(BIG_SOURCE + ".yml"),
				"name: " + BIG_SOURCE + "\ntitle: Bench 80k\nindex: " + BIG_INDEX + "\n" + common);
		return dir;
	}

}
