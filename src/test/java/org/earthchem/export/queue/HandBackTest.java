package org.earthchem.export.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskChange;
import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An export handed back by a stopping node that cannot be resumed here does not go round the nodes for ever. */
class HandBackTest extends IntegrationTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private ExportQueue queue;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private RunningTasks running;

	private final StoredTasks stored = new StoredTasks("hand-back-test-" + UUID.randomUUID());

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	@Test
	void aHandedBackExportWhoseResumeKeepsFailingIsTakenOverAsAFailedAttemptAndSucceeds() {
		Instant createdAt = this.tasks.now().minusSeconds(300);
		String queryKey = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("nasty", queryKey, createdAt), "nasty", "csv", "",
				queryKey, this.stored.owner(), null, createdAt, 6L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.stored.add(task.taskId());
		// the stopping node handed the export back but never wrote its execution's end: every resume is refused
		// (the execution is still running as far as the job repository knows)
		JobParameters parameters = new JobParametersBuilder().addString("taskId", task.taskId(), true)
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("export", parameters);
		JobExecution stuck = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		assertThat(this.tasks.transition(task.taskId(), TaskStatus.PENDING, TaskStatus.PROCESSING,
				TaskChange.started(createdAt, stuck.getId(), 1, "stopping-node"))).isTrue();
		assertThat(this.running.run(task.taskId(), stuck.getId()).handBack("handed back by stopping-node")).isTrue();

		this.queue.enqueue(this.tasks.find(task.taskId()).orElseThrow());

		ExportTask finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.tasks.find(task.taskId()).orElseThrow(), (t) -> !t.status().isActive());
		assertThat(finished.status()).isEqualTo(TaskStatus.SUCCEEDED);
		assertThat(finished.attempts()).as("the failed resumes count as one attempt").isEqualTo(2);
		assertThat(this.jobRepository.getJobExecution(stuck.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		List<String> trail = this.tasks.events(task.taskId()).stream().map(TaskEvent::detail).toList();
		assertThat(trail).containsSubsequence("Pending -> Processing on stopping-node", "Processing -> Pending",
				"Processing -> Succeeded")
			.noneMatch((detail) -> detail.contains("Failed"));
	}

}
