package org.earthchem.export.job.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;

import org.earthchem.export.storage.UploadedPart;
import org.earthchem.export.task.ExportFile;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checkpoint of uploaded parts survives the execution context, and a restored digest goes on where it stopped. */
class ExportCheckpointTest {

	@Test
	void aCheckpointReadBackFromTheContextIsTheOneSaved() {
		FileDigest digest = FileDigest.start();
		digest.update(new byte[] { 1, 2, 3 }, 0, 3);
		FileState current = new FileState(2, "upload-7", List.of(new UploadedPart(1, "\"e1\""), new UploadedPart(2, "\"e-2\"")),
				10_485_760, 4_321, digest.state(), "[\"S-0700\"]", "[\"S-5021\"]");
		ExportCheckpoint saved = new ExportCheckpoint(
				List.of(ExportFile.stored("t-part-001.csv", 700, 12_345, "ab".repeat(32), "exports/x/t-part-001.csv")),
				current, "[\"S-5021\"]");
		ExecutionContext context = new ExecutionContext();

		saved.saveTo(context);
		ExportCheckpoint read = ExportCheckpoint.from(context);

		assertThat(read.finished()).isEqualTo(saved.finished());
		assertThat(read.resumeAfter()).isEqualTo("[\"S-5021\"]");
		assertThat(read.current()).usingRecursiveComparison().isEqualTo(current);
		assertThat(read.rowsStored()).isEqualTo(700 + 4_321);
	}

	@Test
	void aCheckpointWithEveryFileStoredHasNoCurrentFile() {
		ExecutionContext context = new ExecutionContext();
		ExportCheckpoint.start().saveTo(context);

		new ExportCheckpoint(List.of(), null, "[\"S-9\"]").saveTo(context);

		assertThat(ExportCheckpoint.from(context).current()).isNull();
		assertThat(ExportCheckpoint.isIn(context)).isTrue();
		assertThat(ExportCheckpoint.isIn(new ExecutionContext())).isFalse();
	}

	@Test
	void aDigestRestoredFromItsSavedStateGivesTheSha256OfTheWholeFile() throws Exception {
		FileDigest before = FileDigest.start();
		before.update(FIRST, 0, FIRST.length);

		FileDigest after = FileDigest.restore(before.state());
		after.update(REST, 0, REST.length);

		assertThat(after.hex()).isEqualTo(sha256OfBoth());
	}

	@Test
	void aStateOfThePureJavaDigestIsContinuedOnANodeThatHashesNatively() throws Exception {
		SHA256Digest java = new SHA256Digest();
		java.update(FIRST, 0, FIRST.length);

		FileDigest after = FileDigest.restore(java.getEncodedState());
		after.update(REST, 0, REST.length);

		assertThat(after.hex()).isEqualTo(sha256OfBoth());
	}

	@Test
	void aStateThatCannotBeContinuedIsRefused() {
		assertThatThrownBy(() -> FileDigest.restore(new byte[] { 1, 2, 3 })).isInstanceOf(IllegalArgumentException.class);
	}

	private static final byte[] FIRST = "header\r\nrow 1\r\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] REST = "row 2, \"é\"\r\n".getBytes(StandardCharsets.UTF_8);

	private static String sha256OfBoth() throws Exception {
		MessageDigest whole = MessageDigest.getInstance("SHA-256");
		whole.update(FIRST);
		whole.update(REST);
		return HexFormat.of().formatHex(whole.digest());
	}

}
