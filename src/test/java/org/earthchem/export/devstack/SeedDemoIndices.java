package org.earthchem.export.devstack;

/**
 * Seeds the demo indices ({@value DemoIndices#PETDB_INDEX}, {@value DemoIndices#SYNTHESIS_INDEX}) into the cluster at
 * {@code OPENSEARCH_URL} (default {@code http://localhost:9200}) and exits: the one-shot {@code seed} service of
 * {@code docker-compose.yml} (the Dockerfile's {@code seed} target). An index already seeded is left alone, so a
 * second {@code docker compose up} adds nothing. Exits non-zero when the cluster cannot be seeded.
 *
 * <pre>
 * ./mvnw -q -DskipTests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.earthchem.export.devstack.SeedDemoIndices
 * </pre>
 */
public final class SeedDemoIndices {

	private SeedDemoIndices() {
	}

	public static void main(String[] args) {
		String url = System.getenv().getOrDefault("OPENSEARCH_URL", "http://localhost:9200");
		try {
			DemoIndices.seedDemo(url);
		}
		catch (RuntimeException ex) {
			System.err.println("Could not seed the demo indices into " + url + ": " + ex);
			ex.printStackTrace();
			System.exit(1);
		}
		System.out.println("Demo indices seeded into " + url);
		// the HTTP client's threads must not keep the container running
		System.exit(0);
	}

}
