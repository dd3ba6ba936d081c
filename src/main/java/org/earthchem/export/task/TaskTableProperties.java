package org.earthchem.export.task;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The DynamoDB table that holds tasks and their events.
 *
 * @param tableName table name
 * @param createTables create the table (with its indexes and point-in-time recovery) at start when it is missing;
 * switch off in production where tables are provisioned separately
 */
@Validated
@ConfigurationProperties("export.dynamodb")
public record TaskTableProperties(@NotBlank @DefaultValue("export-tasks") String tableName,
		@DefaultValue("true") boolean createTables) {
}
