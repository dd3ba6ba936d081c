package org.earthchem.export.job;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Exports of awkward values come out byte for byte as the contract says. */
class NastyValuesExportTest extends IntegrationTest {

	@Test
	void csvIsExactRfc4180WithVerbatimNumbersJoinedArraysGeoPointsAndFormulaGuard() {
		String csv = exportedText(ALL_KEY, "nasty", "fileType=csv");

		assertThat(csv).isEqualTo(""
				+ "count,flag,location.point,measurements.analyte,measurements.value,name,note,sample_id,tags,value\r\n"
				+ "7,true,\"12.5,-45.25\",,,\"Comma, inside\",\"He said \"\"hi\"\"\",N-001,a; b,45.20\r\n"
				+ ",,\"10.0,20.0\",,,\"Line1\nLine2\r\nLine3\",'=cmd|' /C calc'!A0,N-002,single,1.5e-7\r\n"
				+ "-3,false,\"'-10.25,30.5\",,,Unicode é ü 中文 🌋,\"'+SUM(1,2)\",N-003,,-0.0\r\n"
				+ ",,\"6.5,5.5\",,,'@risk,'-starts with minus,N-004,,n/a\r\n"
				+ ",,,SiO2; MgO,50.10; 7.0,'\ttab start,\"'\rcr start\",N-005,,2.31E+3\r\n"
				+ ",,,,,,,N-006,,\r\n");
	}

	@Test
	void jsonIsOneArrayWithColumnOrderVerbatimNumbersAndNoMissingValues() {
		JsonNode task = export(ALL_KEY, "nasty", "fileType=json");
		assertThat(task.path("status").asString()).isEqualTo("Succeeded");

		ResponseEntity<byte[]> file = download(ALL_KEY, task.path("taskId").asString(), 1);
		String json = new String(file.getBody(), StandardCharsets.UTF_8);

		assertThat(json).isEqualTo("[\n"
				+ "{\"count\":7,\"flag\":true,\"location.point\":\"12.5,-45.25\",\"name\":\"Comma, inside\","
				+ "\"note\":\"He said \\\"hi\\\"\",\"sample_id\":\"N-001\",\"tags\":[\"a\",\"b\"],\"value\":45.20},\n"
				+ "{\"location.point\":\"10.0,20.0\",\"name\":\"Line1\\nLine2\\r\\nLine3\",\"note\":\"=cmd|' /C calc'!A0\","
				+ "\"sample_id\":\"N-002\",\"tags\":\"single\",\"value\":1.5e-7},\n"
				+ "{\"count\":-3,\"flag\":false,\"location.point\":\"-10.25,30.5\",\"name\":\"Unicode é ü 中文 🌋\","
				+ "\"note\":\"+SUM(1,2)\",\"sample_id\":\"N-003\",\"value\":-0.0},\n"
				+ "{\"location.point\":\"6.5,5.5\",\"name\":\"@risk\",\"note\":\"-starts with minus\",\"sample_id\":\"N-004\","
				+ "\"value\":\"n/a\"},\n"
				+ "{\"measurements.analyte\":[\"SiO2\",\"MgO\"],\"measurements.value\":[50.10,7.0],\"name\":\"\\ttab start\","
				+ "\"note\":\"\\rcr start\",\"sample_id\":\"N-005\",\"value\":2.31E+3},\n"
				+ "{\"sample_id\":\"N-006\"}\n"
				+ "]\n");
		assertThat(file.getHeaders().getContentType().toString()).startsWith("application/json");
	}

}
