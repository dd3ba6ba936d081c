package org.earthchem.export.source;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.NestedIndex;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches on a real index whose whole-rock chemistry is a {@code nested} field ({@link NestedIndex}, source
 * {@code nested}): six samples, five with analyses (method, SiO2, MgO), one without.
 */
class NestedFieldSearchTest extends IntegrationTest {

	@Test
	void aRangeBelowTheNestedFieldFindsTheSamplesThePlainQueryOfEarlierVersionsMissed() {
		// X-001 (52.30), X-002 (55.0), X-006 (50.5)
		assertThat(matchedRows("sio2.min=50")).isEqualTo(3);
		// what the service sent before nested fields were known: a range on the nested leaf, outside a nested query
		assertThat(openSearchCount(NestedIndex.INDEX, "{\"query\":{\"bool\":{\"filter\":[{\"range\":"
				+ "{\"chemistry.whole_rock.major.SiO2.value\":{\"gte\":50}}}]}}}")).isEqualTo(0);
	}

	@Test
	void filtersBelowTheNestedFieldMustHoldInTheSameAnalysis() {
		// have an XRF analysis with SiO2 in [40, 50]; X-002 has XRF (55.0) and SiO2 45.0 (ICP-MS)
		// in two different analyses, so it is not one of them
		assertThat(matchedRows("sio2.min=40&sio2.max=50&method=XRF")).isEqualTo(3);
	}

	@Test
	void anExportOfANestedSearchHoldsTheMatchingSamplesWithEveryAnalysisFlattened() {
		String csv = exportedText(ALL_KEY, "nested", "sio2.min=40&sio2.max=50&method=XRF&fileType=csv");

		assertThat(csv).isEqualTo(String.join(",", NestedIndex.COLUMNS) + "\r\n"
				+ "8.1; 6.0,48.5; 52.30,XRF; ICP-MS,fresh glass rim,rock,X-001,pillow basalt\r\n"
				+ "7.4,49.9,XRF,dredged,rock,X-003,basalts of the rift\r\n"
				+ "12.0,41.2,XRF,glassy,glass,X-005,basanite\r\n");
	}

	@Test
	void aJsonExportKeepsEachAnalysisValueInArrayOrder() {
		String json = exportedText(ALL_KEY, "nested", "sio2.min=50&fileType=json");

		assertThat(json).isEqualTo("[\n"
				+ "{\"chemistry.whole_rock.major.MgO.value\":[8.1,6.0],\"chemistry.whole_rock.major.SiO2.value\":[48.5,52.30],"
				+ "\"chemistry.whole_rock.method\":[\"XRF\",\"ICP-MS\"],\"comments\":\"fresh glass rim\",\"material\":\"rock\","
				+ "\"sample_id\":\"X-001\",\"sample_name\":\"pillow basalt\"},\n"
				+ "{\"chemistry.whole_rock.major.MgO.value\":[9.2,3.1],\"chemistry.whole_rock.major.SiO2.value\":[45.0,55.0],"
				+ "\"chemistry.whole_rock.method\":[\"ICP-MS\",\"XRF\"],\"comments\":\"altered, veined\",\"material\":\"rock\","
				+ "\"sample_id\":\"X-002\",\"sample_name\":\"altered basalt\"},\n"
				+ "{\"chemistry.whole_rock.major.MgO.value\":[7.7],\"chemistry.whole_rock.major.SiO2.value\":[50.5],"
				+ "\"chemistry.whole_rock.method\":[\"ICP-MS\"],\"comments\":\"sheet flow\",\"material\":\"rock\","
				+ "\"sample_id\":\"X-006\",\"sample_name\":\"basalt from a pillow\"}\n"
				+ "]\n");
	}

	private long matchedRows(String query) {
		ResponseEntity<JsonNode> counted = http(ALL_KEY).get()
			.uri("/api/v1/sources/nested/count?" + query)
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
		return counted.getBody().path("matchedRows").asLong();
	}

}
