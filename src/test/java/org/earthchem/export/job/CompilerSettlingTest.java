package org.earthchem.export.job;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CompilerSettlingTest {

	@Test
	void aWaitOfZeroDoesNotWaitForTheCompilers() {
		assertThat(assertTimeoutPreemptively(Duration.ofMillis(400), () -> CompilerSettling.await(Duration.ZERO)))
			.isFalse();
	}

	@Test
	void theWaitNeverOutlastsItsCap() {
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CompilerSettling.await(Duration.ofSeconds(1)));
	}

}
