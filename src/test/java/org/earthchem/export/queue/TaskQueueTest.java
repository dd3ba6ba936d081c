package org.earthchem.export.queue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's marks on the task table never bring back a task that is gone. */
class TaskQueueTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private TaskQueue queue;

	@Test
	void markingAWithdrawnTaskQueuedLeavesNoItemBehind() {
		// a task whose POST answered 503 is withdrawn; a reconciler pass that sent it just before marks it afterwards
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"material=rock", queryKey, "task-queue-test-" + UUID.randomUUID(), null, this.tasks.now(), 1L);
		assertThat(this.tasks.create(task)).isTrue();
		assertThat(this.tasks.withdraw(task.taskId())).isTrue();

		this.queue.markQueued(task.taskId());

		assertThat(this.tasks.find(task.taskId())).isEmpty();
	}

}
