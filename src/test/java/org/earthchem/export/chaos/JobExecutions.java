package org.earthchem.export.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job executions of each task as the shared job repository holds them (Spring Batch 6's PostgreSQL schema):
 * executions joined with their identifying {@code taskId} parameter, read with plain JDBC rather than through the
 * service.
 */
final class JobExecutions {

	private static final String BY_TASK = """
			SELECT p.parameter_value, e.job_execution_id, e.status, e.exit_code
			FROM batch_job_execution e
			JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
			WHERE p.parameter_name = 'taskId'
			ORDER BY e.job_execution_id""";

	private final Map<String, List<Execution>> byTask = new HashMap<>();

	private JobExecutions() {
	}

	static JobExecutions read(String jdbcUrl, String user, String password) throws SQLException {
		JobExecutions executions = new JobExecutions();
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
				PreparedStatement query = connection.prepareStatement(BY_TASK);
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				executions.byTask.computeIfAbsent(rows.getString(1), (task) -> new ArrayList<>())
					.add(new Execution(rows.getLong(2), rows.getString(3), rows.getString(4)));
			}
		}
		return executions;
	}

	List<Execution> of(String taskId) {
		return this.byTask.getOrDefault(taskId, List.of());
	}

	/** One execution: its id, batch status and exit code. */
	record Execution(long id, String status, String exitCode) {

		@Override
		public String toString() {
			return this.id + " " + this.status + "/" + this.exitCode;
		}

	}

}
