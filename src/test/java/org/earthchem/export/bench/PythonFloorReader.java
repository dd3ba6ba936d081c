package org.earthchem.export.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Python floor: {@code bench/floor_reader.py}, a point-in-time read with nothing but Python 3's standard library
 * ({@code http.client}, raw bytes, no parsing), run by the {@code python3} on the PATH. It times its own reads, one
 * warm-up first, so the interpreter's start is not counted.
 */
final class PythonFloorReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path script;

	private PythonFloorReader(Path script) {
		this.script = script;
	}

	/** The reader, or null when this machine has no {@code python3}. */
	static PythonFloorReader onThisMachine(Path workDir) throws IOException, InterruptedException {
		try {
			Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
			probe.getInputStream().readAllBytes();
			if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
				return null;
			}
		}
		catch (IOException ex) {
			return null;
		}
		Path script = workDir.resolve("floor_reader.py");
		try (InputStream in = PythonFloorReader.class.getResourceAsStream("/bench/floor_reader.py")) {
			Files.write(script, in.readAllBytes());
		}
		return new PythonFloorReader(script);
	}

	/** {@code runs} timed reads of the whole index (after one untimed). */
	List<Measurement> read(String openSearchUrl, String index, String sortField, int pageSize, int runs)
			throws IOException, InterruptedException {
		Process python = new ProcessBuilder("python3", this.script.toString(), openSearchUrl, index, sortField,
				String.valueOf(pageSize), String.valueOf(runs)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!python.waitFor(10, TimeUnit.MINUTES) || python.exitValue() != 0) {
			throw new IllegalStateException("the Python floor reader failed: " + output);
		}
		List<Measurement> reads = new ArrayList<>();
		for (String line : output.lines().toList()) {
			JsonNode read = JSON.readTree(line);
			reads.add(new Measurement(read.path("seconds").asDouble(), read.path("documents").asLong(),
					read.path("bytes").asLong(), 0, -1, -1));
		}
		return reads;
	}

}
