package org.earthchem.export.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static org.earthchem.export.task.TaskItems.s;

/**
 * At most one mail of each kind per task, whichever node sends it: a sender claims the mail with a conditional write
 * before sending, and marks it sent (with its event) after. A claim older than {@code staleAfter} that was never
 * marked sent (its node died while sending) may be claimed again, so a mail is not lost either.
 */
public class MailMarks {

	private static final String SENT = "sent";

	private final TaskStore store;

	MailMarks(TaskStore store) {
		this.store = store;
	}

	/** Whether the mail of this kind went out (or failed for good) already. */
	public boolean isDone(ExportTask task, String kind) {
		return this.store.dynamoDb()
			.getItem((r) -> r.tableName(this.store.tableName())
				.key(TaskStore.key(task.taskId(), TaskTable.TASK_SK))
				.consistentRead(true)
				.projectionExpression("#mark")
				.expressionAttributeNames(Map.of("#mark", attribute(kind))))
			.item()
			.getOrDefault(attribute(kind), s(""))
			.s()
			.equals(SENT);
	}

	/**
	 * Claims the sending of a task's mail of {@code kind}: true for the one caller that may send it now.
	 */
	public boolean claim(String taskId, String kind, Duration staleAfter) {
		String now = Timestamps.format(this.store.now());
		String stale = Timestamps.format(this.store.now().minus(staleAfter));
		try {
			this.store.dynamoDb().updateItem((r) -> r.tableName(this.store.tableName())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.updateExpression("SET #mark = :claimed")
				// a claim is the time it was taken; "sent" sorts after every time, so it is never taken again
				.conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#mark) OR #mark < :stale)")
				.expressionAttributeNames(Map.of("#mark", attribute(kind), "#pk", TaskTable.PK))
				.expressionAttributeValues(Map.of(":claimed", s(now), ":stale", s(stale))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	/** Marks the task's mail of {@code kind} handled for good, with the event that says how. */
	public void done(String taskId, String kind, TaskEventType type, String detail) {
		TransactWriteItem mark = TransactWriteItem.builder()
			.update((u) -> u.tableName(this.store.tableName())
				.key(TaskStore.key(taskId, TaskTable.TASK_SK))
				.updateExpression("SET #mark = :sent")
				.expressionAttributeNames(Map.of("#mark", attribute(kind)))
				.expressionAttributeValues(Map.of(":sent", s(SENT))))
			.build();
		this.store.transact(List.of(mark, this.store.eventWrite(taskId, type, detail)));
	}

	private static String attribute(String kind) {
		return "mail_" + kind;
	}

}
