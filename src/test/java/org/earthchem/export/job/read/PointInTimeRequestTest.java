package org.earthchem.export.job.read;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PointInTimeRequestTest {

	@Test
	void theFirstPageAsksForThePageSizeInSortOrderWithoutCountingHits() {
		assertThat(PointInTimeReader.requestBody(1000, "{\"match_all\":{}}", "pit-1", Duration.ofMinutes(10),
				"sample_id", null))
			.isEqualTo("{\"size\":1000,\"query\":{\"match_all\":{}},\"pit\":{\"id\":\"pit-1\",\"keep_alive\":\"600s\"},"
					+ "\"sort\":[{\"sample_id\":\"asc\"}],\"track_total_hits\":false}");
	}

	@Test
	void aLaterPageResumesAfterTheSortValuesAsTheyCameWithTheTextEscaped() {
		assertThat(PointInTimeReader.requestBody(2, "{\"term\":{\"a\":\"b\"}}", "p\"i\\t", Duration.ofSeconds(90),
				"na\"me", "[\"S-1\",12345678901234567890]"))
			.isEqualTo("{\"size\":2,\"query\":{\"term\":{\"a\":\"b\"}},\"pit\":{\"id\":\"p\\\"i\\\\t\",\"keep_alive\":\"90s\"},"
					+ "\"sort\":[{\"na\\\"me\":\"asc\"}],\"track_total_hits\":false,"
					+ "\"search_after\":[\"S-1\",12345678901234567890]}");
	}

}
