package org.earthchem.export.source;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The search cluster's settings never show its password. */
class OpenSearchPropertiesTest {

	@Test
	void thePasswordIsMaskedWhereverThePropertiesArePrinted() {
		OpenSearchProperties properties = new OpenSearchProperties(URI.create("https://search.example.org"), "export",
				"s3cr3t-Pa55", Duration.ofSeconds(2), Duration.ofSeconds(60));

		assertThat(properties.toString()).doesNotContain("s3cr3t-Pa55").contains("password=******")
			.contains("username=export");
	}

	@Test
	void noPasswordIsShownAsNone() {
		OpenSearchProperties properties = new OpenSearchProperties(URI.create("http://localhost:9200"), null, null,
				Duration.ofSeconds(2), Duration.ofSeconds(60));

		assertThat(properties.toString()).contains("password=(none)");
	}

}
