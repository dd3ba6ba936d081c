package org.earthchem.export.source;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The waits between two checks of the sources while the search cluster cannot be reached. */
class SourceCheckPropertiesTest {

	private static final SourceCheckProperties DEFAULTS = new SourceCheckProperties(Duration.ofSeconds(1),
			Duration.ofSeconds(30));

	@Test
	void theWaitDoublesAfterEachFailedCheckUpToTheLongest() {
		assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(DEFAULTS::delayAfter).map(Duration::toSeconds))
			.containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
	}

	@Test
	void theWaitStaysAtTheLongestHoweverManyChecksFailed() {
		assertThat(DEFAULTS.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aLongestWaitShorterThanTheFirstIsRefusedNamingBothSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SourceCheckProperties(Duration.ofSeconds(5), Duration.ofSeconds(1)))
			.withMessageContaining("export.source-check.max-retry-delay")
			.withMessageContaining("export.source-check.first-retry-delay");
	}

	@Test
	void aFirstWaitOfNothingIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SourceCheckProperties(Duration.ZERO, Duration.ofSeconds(30)))
			.withMessageContaining("export.source-check.first-retry-delay");
	}

}
