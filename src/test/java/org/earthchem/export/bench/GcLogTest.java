package org.earthchem.export.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest {

	private static final String LOG = """
			[2026-12-06T05:16:00.100+0000] Using G1
			[2026-12-06T05:16:01.000+0000] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 240M->60M(256M) 5.000ms
			[2026-12-06T05:16:10.000+0000] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 150M->90M(256M) 4.893ms
			[2026-12-06T05:16:11.000+0000] GC(3) Pause Young (Concurrent Start) (G1 Humongous Allocation) 116M->114M(256M) 3.016ms
			[2026-12-06T05:16:12.000+0000] GC(3) Pause Remark 181M->158M(256M) 16.615ms
			[2026-12-06T05:16:12.500+0000] GC(3) Concurrent Mark Cycle 1093.123ms
			[2026-12-06T05:16:30.000+0000] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 250M->80M(256M) 5.000ms
			""";

	@Test
	void thePeakIsTheMostHeapInUseBeforeAPauseWithinTheWindow(@TempDir Path dir) throws Exception {
		Path log = Files.writeString(dir.resolve("gc.log"), LOG);

		long peak = GcLog.peakBeforePauses(log, Instant.parse("2026-12-06T05:16:05Z"), Instant.parse("2026-12-06T05:16:20Z"));

		assertThat(peak).isEqualTo(181L * 1024 * 1024);
	}

	@Test
	void noPauseInTheWindowIsNoPeak(@TempDir Path dir) throws Exception {
		Path log = Files.writeString(dir.resolve("gc.log"), LOG);

		long peak = GcLog.peakBeforePauses(log, Instant.parse("2026-12-06T05:16:13Z"), Instant.parse("2026-12-06T05:16:20Z"));

		assertThat(peak).isEqualTo(-1);
	}

}
