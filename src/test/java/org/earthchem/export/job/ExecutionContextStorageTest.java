package org.earthchem.export.job;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The job repository holds execution contexts as JSON, never as Java serialization. */
class ExecutionContextStorageTest extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ExecutionContextSerializer serializer;

	@Test
	void theExecutionContextsOfAnExportAreStoredAsJson() {
		JsonNode task = export(ALL_KEY, "petdb", "material=glass&columns=sample_id&fileType=json");
		String taskId = task.path("taskId").asString();

		List<String> contexts = this.jdbc.queryForList("SELECT c.SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT c "
				+ "JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID "
				+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID "
				+ "WHERE p.PARAMETER_NAME = 'taskId' AND p.PARAMETER_VALUE = ?", String.class, taskId);
		contexts.addAll(this.jdbc.queryForList("SELECT c.SHORT_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT c "
				+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = c.JOB_EXECUTION_ID "
				+ "WHERE p.PARAMETER_NAME = 'taskId' AND p.PARAMETER_VALUE = ?", String.class, taskId));

		assertThat(this.serializer).isInstanceOf(JacksonExecutionContextStringSerializer.class);
		assertThat(contexts).isNotEmpty().allSatisfy((context) -> {
			// Java serialization, as Batch's default stores it, is base64 of a stream that begins 0xACED: "rO0AB"
			assertThat(context).doesNotStartWith("rO0AB");
			assertThat(this.json.readTree(context).isObject()).as(context).isTrue();
		});
		assertThat(String.join("\n", contexts)).contains("export.");
	}

}
