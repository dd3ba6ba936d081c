package org.earthchem.export.notify;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** What the success and failure mails say, and that their HTML cannot be broken by a value. */
class ExportMailTest {

	private static final String TASK_ID = "petdb-3f9a1c07d2e4-01JDZ8M6Q1K2";

	private static final Instant CREATED = Instant.parse("2026-11-24T09:00:00.000Z");

	private static final Instant FINISHED = Instant.parse("2026-11-24T09:15:02.123Z");

	private static final Instant EXPIRES = Instant.parse("2026-12-01T09:15:02.456Z");

	private static final String LINK_1 = "https://earthchem-exports.s3.amazonaws.com/exports/petdb/part-001.csv"
			+ "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc123";

	private static final String SHA_1 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private static final String SHA_2 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

	private static ExportTask succeeded(String query, List<ExportFile> files) {
		long rows = files.stream().mapToLong(ExportFile::rows).sum();
		return new ExportTask(TASK_ID, "petdb", "csv", query, "3f9a1c07d2e4", "user-42", "user@example.org",
				TaskStatus.SUCCEEDED, new Progress(rows, rows), 1, CREATED, CREATED, FINISHED, null, files, 7L, "node-1");
	}

	private static ExportTask succeeded(String query) {
		return succeeded(query,
				List.of(ExportFile.stored(TASK_ID + "-part-001.csv", 80_000, 1_234_567, SHA_1, "k1")
					.withLink(LINK_1, EXPIRES),
						ExportFile.stored(TASK_ID + "-part-002.csv", 512, 2_048, SHA_2, "k2")
							.withLink("https://example.org/2", EXPIRES)));
	}

	private static ExportTask failed(String query) {
		return new ExportTask(TASK_ID, "petdb", "json", query, "3f9a1c07d2e4", "user-42", "user@example.org",
				TaskStatus.FAILED, new Progress(12_000, 40_000L), 3, CREATED, CREATED, FINISHED,
				new TaskError(ErrorCode.SOURCE_UNAVAILABLE,
						"The search cluster could not be reached. Please request the export again later."),
				List.of(), 7L, "node-1");
	}

	@Test
	void theSuccessMailShowsEachQueryParameterAsAReadableLine() {
		ExportMail mail = ExportMail.succeeded(succeeded(
				"bbox=-30,10.5,20,60&columns=sample_id,location&material=rock&q=olivine+basalt%2C+fresh"
						+ "&rockClass=andesite,basalt&sio2.max=52&sio2.min=45&station=St%C3%A9+1"),
				null);

		assertThat(mail.subject()).isEqualTo("Your petdb export is ready");
		assertThat(mail.text()).contains("  area (min lon, min lat, max lon, max lat): -30, 10.5, 20, 60\n",
				"  columns starting with: sample_id, location\n", "  material: rock\n",
				"  text: olivine basalt, fresh\n", "  rockClass: andesite, basalt\n", "  sio2 ≤ 52\n",
				"  sio2 ≥ 45\n", "  station: Sté 1\n");
	}

	@Test
	void theSuccessMailNamesJsonLinesAndGzipWithTheStoredSizeAndChecksumOfEachFile() {
		ExportTask base = succeeded("material=rock", List.of(ExportFile.stored(TASK_ID + ".ndjson.gz", 512, 2_048, SHA_2, "k")
			.withLink(LINK_1, EXPIRES)));
		ExportTask task = new ExportTask(base.taskId(), base.source(), "ndjson", base.query(), base.queryKey(), base.owner(),
				base.ownerEmail(), base.status(), base.progress(), base.attempts(), base.createdAt(), base.startedAt(),
				base.finishedAt(), null, base.files(), 7L, "node-1", "gzip");

		ExportMail mail = ExportMail.succeeded(task, null);

		assertThat(mail.text()).contains("File type: JSON Lines (NDJSON), gzip-compressed\n",
				"  " + TASK_ID + ".ndjson.gz\n", "    SHA-256: " + SHA_2 + "\n");
	}

	@Test
	void theSuccessMailListsTheFileTypeTotalAndEachFileWithRowsSizeAndChecksum() {
		ExportMail mail = ExportMail.succeeded(succeeded("material=rock"), null);

		assertThat(mail.text()).contains("File type: CSV\n", "Total: 80,512 rows in 2 files\n",
				TASK_ID + "-part-001.csv\n    80,000 rows, 1.2 MB\n    SHA-256: " + SHA_1 + "\n",
				TASK_ID + "-part-002.csv\n    512 rows, 2.0 kB\n    SHA-256: " + SHA_2 + "\n");
	}

	@Test
	void theSuccessMailGivesEachFilesLinkAndWhenTheLinkExpires() {
		ExportMail mail = ExportMail.succeeded(succeeded("material=rock"), null);

		assertThat(mail.text()).contains("    Download: " + LINK_1 + "\n",
				"    The link works until 2026-12-01T09:15:02.456Z.\n");
		assertThat(mail.html()).contains("<a href=\"" + LINK_1.replace("&", "&amp;") + "\"",
				"The link works until 2026-12-01T09:15:02.456Z.");
	}

	@Test
	void theSuccessMailGivesTheCompletionTimeInUtcAndTheTaskId() {
		ExportMail mail = ExportMail.succeeded(succeeded("material=rock"), null);

		assertThat(mail.text()).contains("Completed: 2026-11-24T09:15:02.123Z\n", "Task id: " + TASK_ID + "\n");
		assertThat(mail.html()).contains("2026-11-24T09:15:02.123Z", TASK_ID);
	}

	@Test
	void aFileWithoutALinkSaysSoInsteadOfShowingOne() {
		ExportMail mail = ExportMail.succeeded(
				succeeded("", List.of(ExportFile.stored("a.csv", 1, 10, SHA_1, "k"))), null);

		assertThat(mail.text()).contains("1 row, 10 bytes", "No link was issued for it.").doesNotContain("Download:");
		assertThat(mail.html()).doesNotContain("<a href");
	}

	@Test
	void theFailureMailSaysWhatWentWrongWithItsCodeAndTheTaskId() {
		ExportMail mail = ExportMail.failed(failed("material=rock&sio2.min=45"), null);

		assertThat(mail.subject()).isEqualTo("Your petdb export failed");
		assertThat(mail.text()).contains("Your petdb export could not be completed.",
				"What went wrong: The search cluster could not be reached. Please request the export again later.\n",
				"Error code: SOURCE_UNAVAILABLE\n", "Task id: " + TASK_ID + "\n", "  material: rock\n",
				"  sio2 ≥ 45\n", "  file type: JSON\n");
		assertThat(mail.html()).contains("SOURCE_UNAVAILABLE", TASK_ID,
				"The search cluster could not be reached. Please request the export again later.");
	}

	@Test
	void theFailureMailSaysWhatToDoNext() {
		ExportMail mail = ExportMail.failed(failed("material=rock"), null);

		assertThat(mail.text()).contains("What to do next\n", "Request the export again",
				"contact the EarthChem operators and quote the task id " + TASK_ID);
		assertThat(mail.html()).contains("What to do next", "Request the export again",
				"contact the EarthChem operators and quote the task id " + TASK_ID);
	}

	@Test
	void theFailureMailLinksToTheTaskInTheConsoleWhenTheConsoleUrlIsKnown() {
		ExportMail mail = ExportMail.failed(failed("material=rock"), "https://exports.earthchem.org");

		assertThat(mail.text()).contains("https://exports.earthchem.org/console/?task=" + TASK_ID);
		assertThat(mail.html()).contains("<a href=\"https://exports.earthchem.org/console/?task=" + TASK_ID + "\"");
	}

	@Test
	void theHtmlEscapesMarkupAmpersandsAndQuotesFromTheQuery() {
		String nasty = "material=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E&q=a+%26+b+%27c%27";

		ExportMail success = ExportMail.succeeded(succeeded(nasty), null);
		ExportMail failure = ExportMail.failed(failed(nasty), null);

		for (ExportMail mail : List.of(success, failure)) {
			assertThat(mail.text()).contains("material: <script>alert(\"x\")</script>", "text: a & b 'c'");
			assertThat(mail.html()).doesNotContain("<script>", "\"x\"", "'c'", "a & b")
				.contains("material: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
						"text: a &amp; b &#39;c&#39;");
		}
	}

	@Test
	void lineBreaksAndBidiOverridesInTheQueryAreShownEscapedInBothBodies() {
		// q = "basalt\r\nBcc: x@evil" then U+202E and "lava", as the canonical query holds it (form-encoded)
		String query = "material=rock&q=" + java.net.URLEncoder.encode("basalt\r\nBcc: x@evil \u202Elava",
				java.nio.charset.StandardCharsets.UTF_8);

		ExportMail success = ExportMail.succeeded(succeeded(query), null);
		ExportMail failure = ExportMail.failed(failed(query), null);

		for (ExportMail mail : List.of(success, failure)) {
			assertThat(mail.text()).contains("  text: basalt\\r\\nBcc: x@evil \\u202Elava\n")
				.doesNotContain("\r", "\nBcc", "\u202E");
			assertThat(mail.html()).contains("<li>text: basalt\\r\\nBcc: x@evil \\u202Elava</li>")
				.doesNotContain("\r", "\nBcc", "\u202E");
		}
	}

	@Test
	void theHtmlNeverTurnsALinkThatIsNotHttpIntoAnHref() {
		ExportMail mail = ExportMail.succeeded(succeeded("",
				List.of(ExportFile.stored("a.csv", 1, 10, SHA_1, "k")
					.withLink("javascript:alert(1)\"><img src=x>", EXPIRES))),
				null);

		assertThat(mail.html()).doesNotContain("href=\"javascript", "<img").contains("&quot;&gt;&lt;img src=x&gt;");
	}

	@Test
	void anEmptyQueryReadsAllRecords() {
		assertThat(ExportMail.succeeded(succeeded(""), null).text()).contains("Your search\n  all records\n");
		assertThat(ExportMail.failed(failed(null), null).html()).contains("<li>all records</li>");
	}

	@Test
	void sizesAreWrittenInDecimalUnitsWithOneDecimal() {
		assertThat(ExportMail.size(0)).isEqualTo("0 bytes");
		assertThat(ExportMail.size(999)).isEqualTo("999 bytes");
		assertThat(ExportMail.size(1_000)).isEqualTo("1.0 kB");
		assertThat(ExportMail.size(1_234_567)).isEqualTo("1.2 MB");
		assertThat(ExportMail.size(999_999)).isEqualTo("1.0 MB");
		assertThat(ExportMail.size(5_400_000_000L)).isEqualTo("5.4 GB");
	}

}
