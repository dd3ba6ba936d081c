package org.earthchem.export.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.earthchem.export.storage.TaskCipher;
import org.earthchem.export.storage.TempFiles;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earthchem.export.job.RowFlattenerTest.COLUMNS;
import static org.earthchem.export.job.RowFlattenerTest.FACTORY;
import static org.earthchem.export.job.RowFlattenerTest.flatten;

class PartWriterTest {

	private static final String CSV_HEADER = "count,flag,location.point,measurements.analyte,measurements.value,name,note,sample_id,tags,value\r\n";

	static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

	private static final String TASK = "test-0123456789ab-0123456789AB";

	private static final String OTHER_TASK = "test-0123456789ab-0123456789CD";

	@TempDir
	Path root;

	Path dir;

	@org.junit.jupiter.api.BeforeEach
	void taskFolder() throws IOException {
		this.dir = Files.createDirectories(this.root.resolve(TASK));
	}

	/** The cipher of a task folder (its data key is made on first use and read back after). */
	private static TaskCipher cipher(Path taskFolder) {
		return new TempFiles(taskFolder.getParent(), MASTER_KEY).cipherFor(taskFolder.getFileName().toString());
	}

	/** The plaintext of a part folder. */
	private static byte[] plain(Path partFolder) throws IOException {
		int pieces;
		try (var files = Files.list(partFolder)) {
			pieces = (int) files.filter((f) -> f.toString().endsWith(".piece")).count();
		}
		try (var in = PartFile.openPieces(cipher(partFolder.getParent()), partFolder, pieces)) {
			return in.readAllBytes();
		}
	}

	private static Row row(int i) {
		return row(i, "note " + i);
	}

	private static Row row(int i, String note) {
		String json = String.format("{\"sample_id\":\"S-%03d\",\"value\":%d.50,\"note\":\"%s\",\"tags\":[\"t%d\",\"u\"]}", i,
				i, note, i);
		return flatten(COLUMNS, json);
	}

	private static List<Row> rows(int from, int to) {
		return IntStream.range(from, to).mapToObj(PartWriterTest::row).toList();
	}

	private static Chunk<Row> chunk(List<Row> rows) {
		return new Chunk<>(rows);
	}

	private static CsvRowWriter csv() {
		return new CsvRowWriter(COLUMNS, true);
	}

	private static JsonRowWriter json() {
		return new JsonRowWriter(FACTORY, COLUMNS);
	}

	private static PartWriter writer(Path folder, RowFormat format, long maxRowsPerFile) {
		return new PartWriter(folder, cipher(folder), format, maxRowsPerFile, (rows) -> {
		});
	}

	/** Writes the chunks one commit each, as the extract step does when nothing goes wrong. */
	private static List<PartFile> uninterrupted(Path folder, RowFormat format, long maxRowsPerFile,
			List<List<Row>> chunks) {
		PartWriter writer = writer(folder, format, maxRowsPerFile);
		ExecutionContext context = new ExecutionContext();
		writer.open(context);
		for (List<Row> rows : chunks) {
			writer.write(chunk(rows));
			writer.update(context);
		}
		List<PartFile> parts = writer.complete();
		writer.close();
		return parts;
	}

	private static String text(Path file) throws IOException {
		return new String(plain(file), StandardCharsets.UTF_8);
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain(file)));
	}

	@Test
	void rowsAreSplitIntoNumberedPartsOfAtMostMaxRowsEachWithTheHeader() throws Exception {
		List<PartFile> parts = uninterrupted(this.dir, csv(), 4, List.of(rows(0, 3), rows(3, 6), rows(6, 10)));

		assertThat(parts).extracting(PartFile::number).containsExactly(1, 2, 3);
		assertThat(parts).extracting(PartFile::rows).containsExactly(4L, 4L, 2L);
		assertThat(parts).extracting((part) -> part.file().getFileName().toString())
			.containsExactly("part-001.csv", "part-002.csv", "part-003.csv");
		for (PartFile part : parts) {
			List<String> lines = List.of(text(part.file()).split("\r\n"));
			assertThat(lines.get(0) + "\r\n").isEqualTo(CSV_HEADER);
			assertThat(lines).hasSize(1 + (int) part.rows());
		}
		assertThat(text(parts.get(2).file())).isEqualTo(
				CSV_HEADER + ",,,,,,note 8,S-008,t8; u,8.50\r\n" + ",,,,,,note 9,S-009,t9; u,9.50\r\n");
	}

	@Test
	void eachPartRecordsTheBytesAndSha256OfItsFile() throws Exception {
		List<PartFile> parts = uninterrupted(this.dir, json(), 4, List.of(rows(0, 5), rows(5, 7)));

		for (PartFile part : parts) {
			assertThat(part.bytes()).isEqualTo(plain(part.file()).length);
			assertThat(part.sha256()).isEqualTo(sha256(part.file()));
		}
	}

	@Test
	void everyJsonPartIsACompleteArray() throws Exception {
		List<PartFile> parts = uninterrupted(this.dir, json(), 2, List.of(rows(0, 3)));

		assertThat(parts).extracting((part) -> part.file().getFileName().toString())
			.containsExactly("part-001.json", "part-002.json");
		assertThat(text(parts.get(1).file()))
			.isEqualTo("[\n{\"note\":\"note 2\",\"sample_id\":\"S-002\",\"tags\":[\"t2\",\"u\"],\"value\":2.50}\n]\n");
	}

	@Test
	void aResultThatFillsTheLastPartExactlyHasNoEmptyExtraPart() {
		List<PartFile> parts = uninterrupted(this.dir, csv(), 4, List.of(rows(0, 4), rows(4, 8)));

		assertThat(parts).extracting(PartFile::rows).containsExactly(4L, 4L);
	}

	@Test
	void anEmptyResultIsOnePartWithTheHeaderOnly() throws Exception {
		List<PartFile> parts = uninterrupted(this.dir, csv(), 4, List.of());

		assertThat(parts).singleElement().satisfies((part) -> {
			assertThat(part.rows()).isZero();
			assertThat(text(part.file())).isEqualTo(CSV_HEADER);
		});
	}

	@Test
	void progressReportsTheRowsWrittenOverAllPartsAfterEachChunk() {
		List<Long> reported = new ArrayList<>();
		PartWriter writer = new PartWriter(this.dir, cipher(this.dir), csv(), 4, reported::add);
		ExecutionContext context = new ExecutionContext();
		writer.open(context);
		writer.write(chunk(rows(0, 3)));
		writer.update(context);
		writer.write(chunk(rows(3, 9)));
		writer.update(context);
		writer.complete();
		writer.close();

		assertThat(reported).containsExactly(3L, 9L);
	}

	@Test
	void aCsvRestartAfterAnUncommittedChunkAcrossAPartBoundaryGivesTheSameFilesAsAnUninterruptedRun() throws Exception {
		assertRestartGivesTheSameFiles(PartWriterTest::csv, "csv", PartWriterTest::row);
	}

	@Test
	void aJsonRestartAfterAnUncommittedChunkAcrossAPartBoundaryGivesTheSameFilesAsAnUninterruptedRun() throws Exception {
		assertRestartGivesTheSameFiles(PartWriterTest::json, "json", PartWriterTest::row);
	}

	@Test
	void aRestartAfterAnUncommittedChunkThatReachedTheDiskWithinOnePartGivesTheSameFileAsAnUninterruptedRun()
			throws Exception {
		// rows of 100 KB each: more than the writers' buffers, so the uncommitted chunk is on disk when it fails
		Function<Integer, Row> big = (i) -> row(i, ("x" + i).repeat(50_000));
		Path expectedFolder = Files.createDirectories(this.root.resolve(OTHER_TASK));
		List<Row> first = List.of(big.apply(0), big.apply(1));
		List<Row> second = List.of(big.apply(2), big.apply(3));
		List<Row> third = List.of(big.apply(4));
		List<PartFile> expected = uninterrupted(expectedFolder, csv(), 100, List.of(first, second, third));

		Path folder = this.dir;
		ExecutionContext committed = new ExecutionContext();
		PartWriter failed = writer(folder, csv(), 100);
		failed.open(committed);
		failed.write(chunk(first));
		failed.update(committed);
		failed.write(chunk(second));
		failed.close();
		assertThat(PartFile.piece(folder.resolve("part-001.csv"), 2)).as("the failed chunk's bytes are on disk")
			.exists();

		PartWriter restarted = writer(folder, csv(), 100);
		restarted.open(committed);
		restarted.write(chunk(second));
		restarted.update(committed);
		restarted.write(chunk(third));
		restarted.update(committed);
		List<PartFile> parts = restarted.complete();
		restarted.close();

		assertSameFiles(parts, expected);
	}

	@Test
	void noPlaintextOfTheExportReachesTheDisk() throws Exception {
		String marker = "MARKER-7f3a9c-plaintext";
		List<PartFile> parts = uninterrupted(this.dir, csv(), 4,
				List.of(List.of(row(0, marker), row(1, marker)), List.of(row(2, marker)), rows(3, 6)));

		assertThat(text(parts.get(0).file())).as("the marker is in the export").contains(marker);
		try (var files = Files.walk(this.root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
				assertThat(bytes).as(file.toString()).doesNotContain(marker).doesNotContain("sample_id").doesNotContain("S-00");
			}
		}
	}

	@Test
	void aTamperedPieceCannotBeRead() throws Exception {
		List<PartFile> parts = uninterrupted(this.dir, csv(), 100, List.of(rows(0, 3)));
		Path piece = PartFile.piece(parts.get(0).file(), 1);
		byte[] bytes = Files.readAllBytes(piece);
		bytes[bytes.length / 2] ^= 1;
		Files.write(piece, bytes);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain(parts.get(0).file()))
			.isInstanceOf(IOException.class);
	}

	@Test
	void aRestartWithAnotherMasterKeyIsRefusedRatherThanWritingUnreadableFiles() {
		uninterrupted(this.dir, csv(), 100, List.of(rows(0, 3)));

		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new TempFiles(this.root, java.util.Base64.getEncoder().encodeToString(
					"another-master-key-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII))).cipherFor(TASK))
			.hasMessageContaining("master key");
	}

	private void assertRestartGivesTheSameFiles(Supplier<RowFormat> format, String extension,
			Function<Integer, Row> row) throws Exception {
		List<Row> first = IntStream.range(0, 3).mapToObj(row::apply).toList();
		List<Row> second = IntStream.range(3, 6).mapToObj(row::apply).toList();
		List<Row> third = IntStream.range(6, 10).mapToObj(row::apply).toList();
		Path expectedFolder = Files.createDirectories(this.root.resolve(OTHER_TASK));
		List<PartFile> expected = uninterrupted(expectedFolder, format.get(), 4, List.of(first, second, third));

		Path folder = this.dir;
		ExecutionContext committed = new ExecutionContext();
		PartWriter failed = writer(folder, format.get(), 4);
		failed.open(committed);
		failed.write(chunk(first));
		failed.update(committed);
		// the second chunk fills part 1 and starts part 2, then fails before its commit
		failed.write(chunk(second));
		failed.close();
		assertThat(folder.resolve("part-002." + extension)).as("the failed chunk reached part 2").exists();

		PartWriter restarted = writer(folder, format.get(), 4);
		restarted.open(committed);
		restarted.write(chunk(second));
		restarted.update(committed);
		restarted.write(chunk(third));
		restarted.update(committed);
		List<PartFile> parts = restarted.complete();
		restarted.close();

		assertSameFiles(parts, expected);
	}

	private static void assertSameFiles(List<PartFile> parts, List<PartFile> expected) throws Exception {
		assertThat(parts).hasSameSizeAs(expected);
		for (int i = 0; i < parts.size(); i++) {
			PartFile part = parts.get(i);
			PartFile want = expected.get(i);
			assertThat(part.file().getFileName()).isEqualTo(want.file().getFileName());
			assertThat(plain(part.file())).as(part.file().getFileName() + " bytes")
				.isEqualTo(plain(want.file()));
			assertThat(part.rows()).isEqualTo(want.rows());
			assertThat(part.bytes()).isEqualTo(want.bytes()).isEqualTo(plain(part.file()).length);
			assertThat(part.sha256()).isEqualTo(want.sha256()).isEqualTo(sha256(part.file()));
		}
	}

}
