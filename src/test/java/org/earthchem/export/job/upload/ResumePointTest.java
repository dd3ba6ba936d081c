package org.earthchem.export.job.upload;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.earthchem.export.storage.UploadedPart;
import org.earthchem.export.task.ExportFile;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePointTest {

	@Test
	void aFileOfAFormatThatCannotContinueMidFileIsWrittenAgainFromItsFirstRow() {
		ExecutionContext context = contextWithPartsOfFileTwo();

		ResumePoint resume = ResumePoint.of(context, (file) -> Optional.empty(), false);

		assertThat(resume.resumed()).isTrue();
		assertThat(resume.upload()).isNull();
		assertThat(resume.searchAfter()).isEqualTo("[\"S-0700\"]");
		assertThat(resume.checkpoint().current().number()).isEqualTo(2);
		assertThat(resume.checkpoint().current().hasParts()).isFalse();
		assertThat(resume.checkpoint().finished()).hasSize(1);
		assertThat(resume.checkpoint().rowsStored()).isEqualTo(700);
	}

	private static ExecutionContext contextWithPartsOfFileTwo() {
		FileDigest digest = FileDigest.start();
		digest.update(new byte[] { 1 }, 0, 1);
		FileState current = new FileState(2, "upload-7", List.of(new UploadedPart(1, "\"e1\"")), 5_242_880, 480,
				digest.state(), "[\"S-0700\"]", "[\"S-1180\"]");
		ExecutionContext context = new ExecutionContext();
		new ExportCheckpoint(List.of(ExportFile.stored("t-part-001.xlsx", 700, 1, "ab".repeat(32), "x/t-part-001.xlsx")),
				current, "[\"S-1180\"]").saveTo(context);
		return context;
	}

}
