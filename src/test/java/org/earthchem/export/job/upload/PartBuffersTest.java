package org.earthchem.export.job.upload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartBuffersTest {

	@Test
	void eachGzipPartIsOneCompleteMemberAndThePartsTogetherReadAsOneStream() throws IOException {
		PartBuffers buffers = new PartBuffers(5 * 1024 * 1024, 4);
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		buffers.write("first part\n".getBytes(StandardCharsets.UTF_8));
		byte[] first = take(buffers);
		buffers.write("second part\n".getBytes(StandardCharsets.UTF_8));
		byte[] second = take(buffers);
		file.write(first);
		file.write(second);

		assertThat(gunzip(first)).isEqualTo("first part\n");
		assertThat(gunzip(second)).isEqualTo("second part\n");
		assertThat(gunzip(file.toByteArray())).isEqualTo("first part\nsecond part\n");
	}

	@Test
	void aGzipPartWithNothingWrittenIsEmpty() {
		PartBuffers buffers = new PartBuffers(5 * 1024 * 1024, 4);
		assertThat(take(buffers)).isEmpty();
	}

	@Test
	void aFileBegunWithAnEmptyWriteIsAnEmptyMember() throws IOException {
		PartBuffers buffers = new PartBuffers(5 * 1024 * 1024, 4);
		buffers.write(new byte[0], 0, 0);
		assertThat(gunzip(take(buffers))).isEmpty();
	}

	@Test
	void partsWithoutGzipHoldTheBytesAsWritten() {
		PartBuffers buffers = new PartBuffers(5 * 1024 * 1024);
		buffers.write('a');
		assertThat(take(buffers)).containsExactly('a');
	}

	private static byte[] take(PartBuffers buffers) {
		PartBuffers.Buffer part = buffers.take();
		return java.util.Arrays.copyOf(part.bytes(), part.size());
	}

	static String gunzip(byte[] bytes) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
