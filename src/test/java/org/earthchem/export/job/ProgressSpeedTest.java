package org.earthchem.export.job;

import org.junit.jupiter.api.Test;

import org.earthchem.export.task.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The recent speed behind a running export's time left. */
class ProgressSpeedTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aSingleSampleGivesNoSpeed() {
		assertThat(new ProgressReporter.Speed(0).sample(0, 0)).isNull();
	}

	@Test
	void rowsOverTheTimeSinceTheFirstStepAreTheSpeed() {
		ProgressReporter.Speed speed = new ProgressReporter.Speed(0);
		// the first part counts as soon as it is on its way: the pace is measured from there
		assertThat(speed.sample(SECOND / 10, 1_000)).isNull();

		assertThat(speed.sample(4 * SECOND + SECOND / 10, 3_000)).isCloseTo(500.0, within(0.001));
	}

	@Test
	void aSteadySlowLinkGivesATimeLeftWithinAFactorOfTwoOfTheTruthAtEveryReadingOnceItHasOne() {
		// five parts of 300 rows, each on its way when the one before is uploaded, two seconds a part; read every 50 ms
		// until the last part is on its way (its rows then count, and the time left is its upload's)
		ProgressReporter.Speed speed = new ProgressReporter.Speed(0);
		long end = 10 * SECOND;
		int readings = 0;
		for (long now = SECOND / 20; now < 8 * SECOND; now += SECOND / 20) {
			long rows = 300 * (now / (2 * SECOND) + 1);
			Double eta = new Progress(rows, 1_500L, speed.sample(now, rows)).etaSeconds();
			if (eta != null) {
				double truth = (end - now) / (double) SECOND;
				assertThat(eta).as("at %d ms", now / 1_000_000).isBetween(truth / 2, truth * 2);
				readings++;
			}
		}
		assertThat(readings).as("readings with a time left, from the second part on").isEqualTo(120);
	}

	@Test
	void onlyTheLastTenSecondsCount() {
		ProgressReporter.Speed speed = new ProgressReporter.Speed(0);
		// fast at first, then ten times slower
		speed.sample(0, 0);
		speed.sample(0, 1);
		speed.sample(10 * SECOND, 10_000);
		speed.sample(20 * SECOND, 11_000);

		assertThat(speed.sample(30 * SECOND, 12_000)).isCloseTo(100.0, within(0.001));
	}

	@Test
	void anExecutionWhoseRowsHaveNotMovedHasNoSpeed() {
		// resumed at row 500
		ProgressReporter.Speed speed = new ProgressReporter.Speed(500);
		speed.sample(0, 500);

		assertThat(speed.sample(2 * SECOND, 500)).isNull();
	}

}
