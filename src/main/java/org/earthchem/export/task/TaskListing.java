package org.earthchem.export.task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Lists tasks newest first from the sparse indexes: one owner's partition of {@code by-owner}, or, for every owner,
 * the five partitions of {@code by-status} merged. The cursor is the creation time and id of the last task returned,
 * so a page never repeats or skips a task, whichever partitions it came from.
 */
final class TaskListing {

	private final DynamoDbClient dynamoDb;

	private final String table;

	TaskListing(DynamoDbClient dynamoDb, String table) {
		this.dynamoDb = dynamoDb;
		this.table = table;
	}

	TaskPage list(String owner, TaskStatus status, String source, int limit, String cursor) {
		Position after = Position.decode(cursor);
		List<Iterator<ExportTask>> partitions = new ArrayList<>();
		if (owner != null) {
			partitions.add(new Partition(TaskTable.BY_OWNER, "owner", owner, status, source, after));
		}
		else {
			for (TaskStatus s : (status != null) ? List.of(status) : List.of(TaskStatus.values())) {
				partitions.add(new Partition(TaskTable.BY_STATUS, "status", s.label(), null, source, after));
			}
		}
		PriorityQueue<Head> heads = new PriorityQueue<>();
		for (Iterator<ExportTask> partition : partitions) {
			if (partition.hasNext()) {
				heads.add(new Head(partition.next(), partition));
			}
		}
		List<ExportTask> tasks = new ArrayList<>(limit);
		while (!heads.isEmpty() && tasks.size() < limit) {
			Head head = heads.poll();
			tasks.add(head.task());
			if (head.rest().hasNext()) {
				heads.add(new Head(head.rest().next(), head.rest()));
			}
		}
		String next = (!heads.isEmpty() && !tasks.isEmpty()) ? Position.of(tasks.get(tasks.size() - 1)).encode() : null;
		return new TaskPage(tasks, next);
	}

	/** Where a page ends: a task's creation time and id, newest first, ties broken by id. */
	private record Position(String createdAt, String taskId) {

		static Position of(ExportTask task) {
			return new Position(Timestamps.format(task.createdAt()), task.taskId());
		}

		boolean isBefore(ExportTask task) {
			int byTime = Timestamps.format(task.createdAt()).compareTo(this.createdAt);
			return byTime < 0 || (byTime == 0 && task.taskId().compareTo(this.taskId) < 0);
		}

		String encode() {
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString((this.createdAt + "|" + this.taskId).getBytes(StandardCharsets.UTF_8));
		}

		static Position decode(String cursor) {
			if (cursor == null || cursor.isBlank()) {
				return null;
			}
			try {
				String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				int bar = text.indexOf('|');
				Timestamps.parse(text.substring(0, bar));
				return new Position(text.substring(0, bar), text.substring(bar + 1));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("not a cursor of this listing: " + cursor, ex);
			}
		}

	}

	private record Head(ExportTask task, Iterator<ExportTask> rest) implements Comparable<Head> {

		@Override
		public int compareTo(Head other) {
			int byTime = other.task.createdAt().compareTo(this.task.createdAt());
			return (byTime != 0) ? byTime : other.task.taskId().compareTo(this.task.taskId());
		}

	}

	/** One index partition, newest first, read a DynamoDB page at a time as the merge needs it. */
	private final class Partition implements Iterator<ExportTask> {

		private final QueryRequest.Builder query;

		private final Position after;

		/** The partition's items, read a DynamoDB page at a time by the SDK's paginator as the merge asks. */
		private Iterator<Map<String, AttributeValue>> items;

		private ExportTask next;

		Partition(String index, String keyName, String keyValue, TaskStatus status, String source, Position after) {
			this.after = after;
			Map<String, String> names = new HashMap<>(Map.of("#k", keyName));
			Map<String, AttributeValue> values = new HashMap<>(Map.of(":k", AttributeValue.fromS(keyValue)));
			String condition = "#k = :k";
			if (after != null) {
				names.put("#created", "createdAt");
				values.put(":created", AttributeValue.fromS(after.createdAt()));
				condition += " AND #created <= :created";
			}
			List<String> filters = new ArrayList<>();
			if (status != null) {
				names.put("#status", "status");
				values.put(":status", AttributeValue.fromS(status.label()));
				filters.add("#status = :status");
			}
			if (source != null) {
				names.put("#source", "source");
				values.put(":source", AttributeValue.fromS(source));
				filters.add("#source = :source");
			}
			this.query = QueryRequest.builder()
				.tableName(TaskListing.this.table)
				.indexName(index)
				.keyConditionExpression(condition)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.scanIndexForward(false)
				.limit(100);
			if (!filters.isEmpty()) {
				this.query.filterExpression(String.join(" AND ", filters));
			}
		}

		@Override
		public boolean hasNext() {
			if (this.items == null) {
				this.items = TaskListing.this.dynamoDb.queryPaginator(this.query.build()).items().iterator();
			}
			while (this.next == null && this.items.hasNext()) {
				ExportTask task = TaskItems.fromItem(this.items.next());
				if (this.after == null || this.after.isBefore(task)) {
					this.next = task;
				}
			}
			return this.next != null;
		}

		@Override
		public ExportTask next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			ExportTask task = this.next;
			this.next = null;
			return task;
		}

	}

}
