package org.earthchem.export.task;

import java.time.Clock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the task table and store. */
@Configuration(proxyBeanMethods = false)
class TaskConfig {

	@Bean
	TaskTable taskTable(DynamoDbClient dynamoDb, TaskTableProperties properties) {
		return new TaskTable(dynamoDb, properties);
	}

	@Bean
	TaskStore taskStore(DynamoDbClient dynamoDb, TaskTable table) {
		return new TaskStore(dynamoDb, table, Clock.systemUTC());
	}

	@Bean
	NewTasks newTasks(TaskStore taskStore) {
		return new NewTasks(taskStore);
	}

	@Bean
	RunningTasks runningTasks(TaskStore taskStore) {
		return new RunningTasks(taskStore);
	}

	@Bean
	MailMarks mailMarks(TaskStore taskStore) {
		return new MailMarks(taskStore);
	}

	@Bean
	QueueClaims queueClaims(DynamoDbClient dynamoDb, TaskStore taskStore) {
		return new QueueClaims(dynamoDb, taskStore);
	}

	@Bean
	PendingTasks pendingTasks(DynamoDbClient dynamoDb, TaskStore taskStore) {
		return new PendingTasks(dynamoDb, taskStore);
	}

}
