package org.earthchem.export.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Percent done and time left of a running export. */
class ProgressTest {

	@Test
	void timeLeftIsTheRowsLeftAtTheRecentSpeed() {
		assertThat(new Progress(12_000, 40_000L, 5_200.0).etaSeconds()).isEqualTo(5.4);
	}

	@Test
	void timeLeftIsUnknownUntilTheSpeedIs() {
		assertThat(new Progress(12_000, 40_000L).etaSeconds()).isNull();
		assertThat(new Progress(12_000, 40_000L, 0.0).etaSeconds()).isNull();
	}

	@Test
	void timeLeftIsUnknownWithoutATotal() {
		assertThat(new Progress(12_000, null, 5_200.0).etaSeconds()).isNull();
	}

	@Test
	void percentHasOneDecimal() {
		assertThat(new Progress(12_000, 40_000L).percent()).isEqualTo(30.0);
		assertThat(new Progress(1, 3L).percent()).isEqualTo(33.3);
	}

}
