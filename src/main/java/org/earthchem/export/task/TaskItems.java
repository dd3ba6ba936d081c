package org.earthchem.export.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts tasks and events to and from DynamoDB items. */
final class TaskItems {

	private TaskItems() {
	}

	static Map<String, AttributeValue> toItem(ExportTask task) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(TaskTable.PK, s(task.taskId()));
		item.put(TaskTable.SK, s(TaskTable.TASK_SK));
		item.put("taskId", s(task.taskId()));
		item.put("source", s(task.source()));
		item.put("fileType", s(task.fileType()));
		item.put("compression", s(task.compression()));
		item.put("query", s(task.query()));
		item.put("queryKey", s(task.queryKey()));
		item.put("owner", s(task.owner()));
		if (task.ownerEmail() != null) {
			item.put("ownerEmail", s(task.ownerEmail()));
		}
		item.put("status", s(task.status().label()));
		item.put("attempts", n(task.attempts()));
		item.put("rowsWritten", n(task.progress().rowsWritten()));
		if (task.progress().totalRows() != null) {
			item.put("totalRows", n(task.progress().totalRows()));
		}
		item.put("createdAt", s(Timestamps.format(task.createdAt())));
		putInstant(item, "startedAt", task.startedAt());
		putInstant(item, "finishedAt", task.finishedAt());
		if (task.error() != null) {
			item.put("errorCode", s(task.error().code().name()));
			item.put("errorMessage", s(task.error().message()));
		}
		if (!task.files().isEmpty()) {
			item.put("files", files(task.files()));
		}
		if (task.jobExecutionId() != null) {
			item.put("jobExecutionId", n(task.jobExecutionId()));
		}
		return item;
	}

	static ExportTask fromItem(Map<String, AttributeValue> item) {
		TaskError error = item.containsKey("errorCode")
				? new TaskError(ErrorCode.valueOf(str(item, "errorCode")), str(item, "errorMessage")) : null;
		Long total = item.containsKey("totalRows") ? lng(item, "totalRows") : null;
		Double speed = item.containsKey("rowsPerSecond") ? Double.valueOf(item.get("rowsPerSecond").n()) : null;
		List<ExportFile> files = new ArrayList<>();
		if (item.containsKey("files")) {
			for (AttributeValue value : item.get("files").l()) {
				Map<String, AttributeValue> f = value.m();
				files.add(new ExportFile(str(f, "name"), lng(f, "rows"), lng(f, "bytes"), str(f, "sha256"),
						str(f, "location"), str(f, "downloadUrl"), instant(f, "expiresAt"), instant(f, "deletedAt")));
			}
		}
		return new ExportTask(str(item, "taskId"), str(item, "source"), str(item, "fileType"), str(item, "query"),
				str(item, "queryKey"), str(item, "owner"), str(item, "ownerEmail"),
				TaskStatus.fromLabel(str(item, "status")), new Progress(lng(item, "rowsWritten"), total, speed),
				(int) lng(item, "attempts"), instant(item, "createdAt"), instant(item, "startedAt"),
				instant(item, "finishedAt"), error, files,
				item.containsKey("jobExecutionId") ? lng(item, "jobExecutionId") : null,
				item.containsKey("node") ? str(item, "node") : null, str(item, "compression"),
				item.containsKey(INTERRUPTIONS) ? (int) lng(item, INTERRUPTIONS) : 0);
	}

	/** Takeovers of a silent node's run: attempts that were not failures of the export. */
	static final String INTERRUPTIONS = "interruptions";

	static AttributeValue files(List<ExportFile> files) {
		List<AttributeValue> list = new ArrayList<>(files.size());
		for (ExportFile file : files) {
			Map<String, AttributeValue> f = new HashMap<>();
			f.put("name", s(file.name()));
			f.put("rows", n(file.rows()));
			f.put("bytes", n(file.bytes()));
			f.put("sha256", s(file.sha256()));
			f.put("location", s(file.location()));
			if (file.downloadUrl() != null) {
				f.put("downloadUrl", s(file.downloadUrl()));
			}
			putInstant(f, "expiresAt", file.expiresAt());
			putInstant(f, "deletedAt", file.deletedAt());
			list.add(AttributeValue.fromM(f));
		}
		return AttributeValue.fromL(list);
	}

	static TaskEvent eventFromItem(Map<String, AttributeValue> item) {
		return new TaskEvent(instant(item, "at"), TaskEventType.valueOf(str(item, "type")), str(item, "detail"));
	}

	static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
		if (value != null) {
			item.put(name, s(Timestamps.format(value)));
		}
	}

	private static String str(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

	private static long lng(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null && value.n() != null) ? Long.parseLong(value.n()) : 0;
	}

	private static Instant instant(Map<String, AttributeValue> item, String name) {
		String value = str(item, name);
		return (value != null) ? Instant.parse(value) : null;
	}

}
