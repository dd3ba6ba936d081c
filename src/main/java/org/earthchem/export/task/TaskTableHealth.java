package org.earthchem.export.task;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health of the task table: up while it is active. */
@Component("taskTableHealthIndicator")
class TaskTableHealth extends AbstractHealthIndicator {

	private final DynamoDbClient dynamoDb;

	private final TaskTableProperties properties;

	TaskTableHealth(DynamoDbClient dynamoDb, TaskTableProperties properties) {
		super("The task table cannot be reached");
		this.dynamoDb = dynamoDb;
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		TableStatus status = this.dynamoDb.describeTable((r) -> r.tableName(this.properties.tableName()))
			.table()
			.tableStatus();
		((status == TableStatus.ACTIVE || status == TableStatus.UPDATING) ? builder.up() : builder.down())
			.withDetail("table", this.properties.tableName())
			.withDetail("status", status.toString());
	}

}
