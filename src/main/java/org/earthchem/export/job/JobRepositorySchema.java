package org.earthchem.export.job;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Creates the Spring Batch tables when they are missing and leaves them alone when they exist, so the job
 * repository in a file (or a shared database) survives restarts; the stock scripts cannot run twice.
 */
class JobRepositorySchema extends BatchDataSourceScriptDatabaseInitializer {

	private final DataSource dataSource;

	JobRepositorySchema(DataSource dataSource, BatchJdbcProperties properties) {
		super(dataSource, properties);
		this.dataSource = dataSource;
	}

	@Override
	public boolean initializeDatabase() {
		return !schemaExists() && super.initializeDatabase();
	}

	private boolean schemaExists() {
		try (Connection connection = this.dataSource.getConnection()) {
			for (String name : new String[] { "BATCH_JOB_INSTANCE", "batch_job_instance" }) {
				try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
					if (tables.next()) {
						return true;
					}
				}
			}
			return false;
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("could not inspect the job repository", ex);
		}
	}

}
