package org.earthchem.export.job.upload;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RehearsalFileTest {

	private static final int PART = 5 * 1024 * 1024;

	@Test
	void everyByteWrittenIsTakenInPartsAsAnExportsFileTakesThemAndCountedOnce() throws IOException {
		byte[] row = new byte[300_000];
		Arrays.fill(row, (byte) ',');
		try (RehearsalFile file = new RehearsalFile(PART, PartBuffers.NO_GZIP)) {
			for (int i = 0; i < 40; i++) {
				file.out().write(row);
				file.rowWritten();
				assertThat(((PartBuffers) file.out()).size()).as("never more than a part and a row held")
					.isLessThan(PART + row.length);
			}

			assertThat(file.finish()).isEqualTo(40L * row.length);
		}
	}

}
