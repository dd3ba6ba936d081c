package org.earthchem.export.queue;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a waiting export is expected to start. */
class StartEstimatesTest {

	@Test
	void theNextExportStartsWhenTheFirstRunningOneEnds() {
		assertThat(StartEstimates.secondsUntilStart(1, List.of(30.0, 12.0, 50.0), 3, null)).isEqualTo(12.0);
	}

	@Test
	void theNextExportStartsAtOnceWhenAWorkerIsFree() {
		assertThat(StartEstimates.secondsUntilStart(1, List.of(30.0, 12.0), 3, null)).isEqualTo(0.0);
	}

	@Test
	void exportsAheadTakeTheFreedWorkersForTheMedianDuration() {
		// slots free at 12, 30, 50; the first one ahead takes 12 → 32; the second 30 → 50; the third starts at 32
		assertThat(StartEstimates.secondsUntilStart(3, List.of(30.0, 12.0, 50.0), 3, 20.0)).isEqualTo(32.0);
	}

	@Test
	void withoutARecentDurationAnExportBehindOthersHasNoEstimate() {
		assertThat(StartEstimates.secondsUntilStart(2, List.of(30.0, 12.0, 50.0), 3, null)).isNull();
	}

	@Test
	void moreExportsRunningThanWorkersMeanMoreNodesAndMoreSlots() {
		assertThat(StartEstimates.secondsUntilStart(1, List.of(30.0, 12.0, 50.0, 5.0), 3, null)).isEqualTo(5.0);
	}

}
