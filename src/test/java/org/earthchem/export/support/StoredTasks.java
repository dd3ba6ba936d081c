package org.earthchem.export.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.NewTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskCreation;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasks a test writes straight into the task table, under an owner of the test's own. They have no queue message,
 * so only a reconciler pass starts them (QueueRecoveryTest runs one), and it would run a leftover as a real export
 * during another test: {@link #end(TaskStore)}, from {@code @AfterEach}, ends every one still Pending or Processing and
 * checks that the owner has none left.
 */
public final class StoredTasks {

	private final String owner;

	private final List<String> stored = new ArrayList<>();

	/** @param owner an owner no other test uses (a prefix naming the test and a random part) */
	public StoredTasks(String owner) {
		this.owner = owner;
	}

	/** Stores a new Pending task with its CREATED event, counted, with no cap; false when its id is already taken. */
	public static boolean create(TaskStore tasks, ExportTask task) {
		return new NewTasks(tasks).create(task, null, null) == TaskCreation.CREATED;
	}

	public String owner() {
		return this.owner;
	}

	/**
	 * Stores a Pending task of the owner, created at {@code createdAt}, for the six rows of the nasty index as CSV,
	 * without a queue message (no node starts it), and remembers it.
	 */
	public ExportTask pending(TaskStore tasks, Instant createdAt) {
		String queryKey = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("nasty", queryKey, createdAt), "nasty", "csv", "", queryKey,
				this.owner, null, createdAt, 6L);
		assertThat(create(tasks, task)).as("task %s stored", task.taskId()).isTrue();
		add(task.taskId());
		return task;
	}

	/** Remembers a task the test stored, so that it is ended. */
	public void add(String taskId) {
		this.stored.add(taskId);
	}

	/**
	 * Ends what is still Pending (cancelled, never to start) or Processing (no job runs a stored task: straight to
	 * Cancelled), then checks that no task of the owner is left active.
	 */
	public void end(TaskStore tasks) {
		List<String> ids = new ArrayList<>(this.stored);
		tasks.activeTasksOf(this.owner).forEach((task) -> ids.add(task.taskId()));
		for (String taskId : ids) {
			tasks.find(taskId).ifPresent((task) -> {
				if (task.status() == TaskStatus.PENDING) {
					tasks.requestCancel(taskId, "test clean-up");
				}
				else if (task.status() == TaskStatus.PROCESSING) {
					tasks.transition(taskId, TaskStatus.PROCESSING, TaskStatus.CANCELLED,
							TaskChange.cancelled(tasks.now()));
				}
			});
		}
		assertThat(ids.stream().filter((id) -> tasks.find(id).map((t) -> t.status().isActive()).orElse(false)))
			.as("tasks of %s left Pending or Processing", this.owner)
			.isEmpty();
		assertThat(tasks.activeTasksOf(this.owner)).as("active tasks of %s", this.owner).isEmpty();
	}

}
