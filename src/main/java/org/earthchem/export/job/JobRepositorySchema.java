package org.earthchem.export.job;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Creates the Spring Batch tables when they are missing and leaves them alone when they exist, so the job
 * repository in a file (or a shared database) survives restarts; the stock scripts cannot run twice. On PostgreSQL,
 * nodes that start at once take turns under an advisory lock, so only the first one runs the script.
 */
class JobRepositorySchema extends BatchDataSourceScriptDatabaseInitializer {

	private static final Logger log = LoggerFactory.getLogger(JobRepositorySchema.class);

	/** The advisory lock key of the schema check, the same on every node ("BATCHSCH" in ASCII). */
	private static final long SCHEMA_LOCK = 0x4241544348534348L;

	private final DataSource dataSource;

	JobRepositorySchema(DataSource dataSource, BatchJdbcProperties properties) {
		super(dataSource, properties);
		this.dataSource = dataSource;
	}

	@Override
	public boolean initializeDatabase() {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean shared = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
			// the script runs on another pooled connection, committed before this session lets the lock go
			if (shared) {
				advisoryLock(connection, "pg_advisory_lock");
			}
			try {
				boolean created = !schemaExists(connection) && super.initializeDatabase();
				if (created) {
					log.info("Created the job repository tables");
				}
				return created;
			}
			finally {
				if (shared) {
					advisoryLock(connection, "pg_advisory_unlock");
				}
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("could not inspect the job repository", ex);
		}
	}

	private static void advisoryLock(Connection connection, String function) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT " + function + "(" + SCHEMA_LOCK + ")");
		}
	}

	private static boolean schemaExists(Connection connection) throws SQLException {
		for (String name : new String[] { "BATCH_JOB_INSTANCE", "batch_job_instance" }) {
			try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

}
