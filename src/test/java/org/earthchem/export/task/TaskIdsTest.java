package org.earthchem.export.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaskIdsTest {

	private static final String QUERY_KEY = "3f9a1c07d2e4b5a6978812345678901234567890abcdefabcdefabcdefabcdef";

	private static final Instant NOW = Instant.parse("2026-11-24T09:15:02.123Z");

	@Test
	void anIdIsTheSourceThe12FirstCharactersOfTheQueryKeyAnd12TimeOrderedCharacters() {
		String id = TaskIds.newId("petdb", QUERY_KEY, NOW);

		assertThat(id).matches("petdb-3f9a1c07d2e4-[0-9A-HJKMNP-TV-Z]{12}");
		assertThat(TaskIds.isWellFormed(id)).isTrue();
	}

	@Test
	void anIdIsUrlSafe() {
		String id = TaskIds.newId("synthesis", QUERY_KEY, NOW);

		assertThat(id).matches("[A-Za-z0-9-]+");
		assertThat(URLEncoder.encode(id, StandardCharsets.UTF_8)).isEqualTo(id);
	}

	@Test
	void idsOfTheSameQuerySortByCreationTime() {
		List<String> ids = new ArrayList<>();
		for (Duration later : List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1),
				Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofDays(400))) {
			ids.add(TaskIds.newId("petdb", QUERY_KEY, NOW.plus(later)));
		}

		assertThat(ids).isSorted();
	}

	@Test
	void idsOfTheSameQueryInTheSameMillisecondDiffer() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			ids.add(TaskIds.newId("petdb", QUERY_KEY, NOW));
		}

		// two random characters: 1,024 values, so 20 ids almost never clash; the controller retries if they do
		assertThat(ids).hasSizeGreaterThan(15);
	}

	@Test
	void pathTricksAreNotWellFormedIds() {
		assertThat(TaskIds.isWellFormed("../../etc/passwd")).isFalse();
		assertThat(TaskIds.isWellFormed("petdb-3f9a1c07d2e4-01JDZ8M6Q1K2/../x")).isFalse();
		assertThat(TaskIds.isWellFormed("petdb-3f9a1c07d2e4-01jdz8m6q1k2")).isFalse();
		assertThat(TaskIds.isWellFormed(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.requireSafe("petdb/../x"));
	}

}
