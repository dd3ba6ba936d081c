package org.earthchem.export.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.beans.factory.InitializingBean;

/**
 * The task table's design and its creation at start.
 * <p>
 * One item per task ({@code pk = taskId}, {@code sk = "TASK"}) and one per event ({@code sk = "EVENT#<at>#<seq>"}),
 * so a task and its audit trail are read with one query. Two sparse indexes hold only task items:
 * {@code by-owner} ({@code owner}, {@code createdAt}) for a user's tasks newest first, and {@code by-status}
 * ({@code status}, {@code createdAt}) for the queue in creation order.
 */
class TaskTable implements InitializingBean {

	static final String PK = "pk";

	static final String SK = "sk";

	static final String TASK_SK = "TASK";

	static final String BY_OWNER = "by-owner";

	static final String BY_STATUS = "by-status";

	private static final Logger log = LoggerFactory.getLogger(TaskTable.class);

	private final DynamoDbClient dynamoDb;

	private final TaskTableProperties properties;

	TaskTable(DynamoDbClient dynamoDb, TaskTableProperties properties) {
		this.dynamoDb = dynamoDb;
		this.properties = properties;
	}

	String name() {
		return this.properties.tableName();
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.createTables()) {
			createIfMissing();
		}
	}

	private void createIfMissing() {
		DynamoDbTables.createIfMissing(this.dynamoDb, name(), (r) -> r
			.attributeDefinitions(attribute(PK), attribute(SK), attribute("owner"), attribute("status"),
					attribute("createdAt"))
			.keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
			.globalSecondaryIndexes(index(BY_OWNER, "owner"), index(BY_STATUS, "status")));
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

	private static GlobalSecondaryIndex index(String name, String hashKey) {
		return GlobalSecondaryIndex.builder()
			.indexName(name)
			.keySchema(key(hashKey, KeyType.HASH), key("createdAt", KeyType.RANGE))
			.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
			.build();
	}

}
