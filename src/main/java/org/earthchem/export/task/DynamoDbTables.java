package org.earthchem.export.task;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Creates the service's DynamoDB tables when they are missing: on demand, with point-in-time recovery (35 days). */
public final class DynamoDbTables {

	private static final Logger log = LoggerFactory.getLogger(DynamoDbTables.class);

	private DynamoDbTables() {
	}

	/** Creates the table unless it exists (another node may create it at the same time: that is fine). */
	public static void createIfMissing(DynamoDbClient dynamoDb, String name, Consumer<CreateTableRequest.Builder> schema) {
		try {
			dynamoDb.describeTable((r) -> r.tableName(name));
			return;
		}
		catch (ResourceNotFoundException ex) {
			// create it below
		}
		try {
			dynamoDb.createTable((r) -> {
				r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
				schema.accept(r);
			});
			dynamoDb.waiter().waitUntilTableExists((r) -> r.tableName(name));
			log.info("Created table {}", name);
		}
		catch (ResourceInUseException ex) {
			return;
		}
		try {
			dynamoDb.updateContinuousBackups((r) -> r.tableName(name)
				.pointInTimeRecoverySpecification((p) -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(35)));
		}
		catch (DynamoDbException ex) {
			// DynamoDB Local does not implement continuous backups; real DynamoDB does
			log.warn("Point-in-time recovery could not be enabled on {}: {}", name,
					ex.awsErrorDetails() != null ? ex.awsErrorDetails().errorMessage() : ex.getMessage());
		}
	}

}
