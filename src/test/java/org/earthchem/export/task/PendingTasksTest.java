package org.earthchem.export.task;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's marks on the task table never bring back a task that is gone. */
class PendingTasksTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private PendingTasks queue;

	@Test
	void markingAWithdrawnTaskQueuedLeavesNoItemBehind() {
		// a task whose POST answered 503 is withdrawn; a reconciler pass that sent it just before marks it afterwards
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"material=rock", queryKey, "task-queue-test-" + UUID.randomUUID(), null, this.tasks.now(), 1L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		assertThat(new NewTasks(this.tasks).withdraw(task.taskId())).isTrue();

		this.queue.markQueued(task.taskId());

		assertThat(this.tasks.find(task.taskId())).isEmpty();
	}

}
