package org.earthchem.export.admin;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.earthchem.export.job.ExportJobProperties;
import org.earthchem.export.queue.ExportQueue;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.Timestamps;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators' view of the queue: what waits, in start order, what runs, and how many workers a node has. */
@RestController
class QueueController {

	private final PendingTasks tasks;

	private final int workers;

	private final ExportQueue queue;

	QueueController(PendingTasks tasks, ExportJobProperties jobProperties, ExportQueue queue) {
		this.tasks = tasks;
		this.workers = jobProperties.workers();
		this.queue = queue;
	}

	@GetMapping("/api/v1/admin/queue")
	@Tag(name = "Queue")
	@Operation(operationId = "getQueue", summary = "Operators: the export queue",
			description = "Pending tasks in start order with their positions, the running ones with the node "
					+ "running each, this node's worker pool size and the dead-letter queue's depth.")
	@ApiResponse(responseCode = "200", description = "The queue.")
	ResponseEntity<QueueView> queue() {
		// operators only: the security filter chain lets no one else reach /api/v1/admin
		List<QueuedTask> pending = new ArrayList<>();
		int position = 1;
		for (ExportTask task : this.tasks.pendingOldestFirst()) {
			pending.add(QueuedTask.of(task, position++));
		}
		List<QueuedTask> running = this.tasks.processingOldestFirst().stream().map((t) -> QueuedTask.of(t, null)).toList();
		return ResponseEntity.ok(new QueueView(pending, running, this.workers, this.queue.deadLetters()));
	}

	/** The queue as the API shows it; {@code deadLetters}: exports that failed every attempt (null: unknown). */
	record QueueView(List<QueuedTask> pending, List<QueuedTask> running, int workers, Long deadLetters) {
	}

	/** One task in the queue. */
	record QueuedTask(String taskId, String source, String owner, String status, Integer queuePosition,
			String createdAt, String startedAt, long rowsWritten, Long totalRows, String node) {

		static QueuedTask of(ExportTask task, Integer position) {
			return new QueuedTask(task.taskId(), task.source(), task.owner(), task.status().label(), position,
					Timestamps.format(task.createdAt()), Timestamps.format(task.startedAt()),
					task.progress().rowsWritten(), task.progress().totalRows(),
					task.status() == org.earthchem.export.task.TaskStatus.PROCESSING ? task.node() : null);
		}

	}

}
