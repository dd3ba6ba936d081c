package org.earthchem.export.task;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A run that lost its task to another run (taken over while it was paused) can change nothing of it: every write of
 * a run is conditional on its fencing token, in DynamoDB Local.
 */
class TaskRunFencingTest extends IntegrationTest {

	private static final TaskError INTERRUPTED = new TaskError(ErrorCode.INTERRUPTED, "It carries on by itself.");

	@Autowired
	private TaskStore tasks;

	@Autowired
	private RunningTasks running;

	@Autowired
	private MailMarks mails;

	private final String owner = "fencing-test-" + UUID.randomUUID();

	private final StoredTasks stored = new StoredTasks(this.owner);

	@AfterEach
	void end() {
		this.stored.end(this.tasks);
	}

	@Test
	void aTakeOverPutsTheTaskBackToPendingInOneWriteThatNoReaderSeesAsAFinalStatus() {
		ExportTask task = runningTask(11);

		assertThat(this.running.release(this.tasks.find(task.taskId()).orElseThrow(), INTERRUPTED, true,
				"taken over")).isTrue();

		ExportTask pending = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(pending.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(pending.error()).isEqualTo(INTERRUPTED);
		assertThat(pending.node()).isNull();
		assertThat(this.tasks.events(task.taskId())).extracting(TaskEvent::detail)
			.contains("Processing -> Pending", "taken over")
			.noneMatch((detail) -> detail.contains("Failed"));
	}

	@Test
	void aTakeOverCountsAnInterruptionAndNotAFailedAttempt() {
		ExportTask task = runningTask(11);

		takeOver(task, 12);
		this.running.release(this.tasks.find(task.taskId()).orElseThrow(), INTERRUPTED, true, "again");

		ExportTask pending = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(pending.attempts()).isEqualTo(2);
		assertThat(pending.interruptions()).isEqualTo(2);
		assertThat(pending.failedAttempts()).isZero();
	}

	@Test
	void aRunWhoseTaskWasTakenOverIsFencedOnItsProgressAndLeavesTheTaskAsTheNewRunWroteIt() {
		ExportTask task = runningTask(11);
		TaskRun stale = this.running.run(task.taskId(), 11);
		TaskRun current = takeOver(task, 12);
		assertThat(current.progress(new Progress(300, 1000L))).isTrue();

		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> stale.progress(new Progress(900, 1000L)))
			.satisfies((fence) -> {
				assertThat(fence.token()).isEqualTo(11);
				assertThat(fence.current()).isEqualTo(12);
			});
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(stale::heartbeat);

		ExportTask now = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(now.progress().rowsWritten()).isEqualTo(300);
		assertThat(now.jobExecutionId()).isEqualTo(12);
		assertThat(now.node()).isEqualTo("node-b");
	}

	@Test
	void aRunWhoseTaskWasTakenOverCannotEndItNorHandItBackNorRetryIt() {
		ExportTask task = runningTask(11);
		TaskRun stale = this.running.run(task.taskId(), 11);
		takeOver(task, 12);

		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> stale.finish(TaskStatus.FAILED,
				TaskChange.failed(this.tasks.now(), new TaskError(ErrorCode.INTERNAL_ERROR, "x"))));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> stale.finish(TaskStatus.SUCCEEDED,
				TaskChange.succeeded(this.tasks.now(), List.of(), new Progress(1, 1L))));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> stale.handBack("handed back"));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> stale.retry(INTERRUPTED, Duration.ZERO, "again"));

		ExportTask now = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(now.status()).isEqualTo(TaskStatus.PROCESSING);
		assertThat(now.node()).isEqualTo("node-b");
	}

	@Test
	void aRunWhoseTaskWasTakenOverRecordsNoEvent() {
		ExportTask task = runningTask(11);
		TaskRun stale = this.running.run(task.taskId(), 11);
		TaskRun current = takeOver(task, 12);

		current.event(TaskEventType.RESUMED, "by the current run");
		assertThatExceptionOfType(RunFencedException.class)
			.isThrownBy(() -> stale.event(TaskEventType.FILE_STORED, "by the stale run"));

		assertThat(this.tasks.events(task.taskId())).extracting(TaskEvent::detail)
			.contains("by the current run")
			.doesNotContain("by the stale run");
	}

	@Test
	void aSecondTakeOverOfTheSameSilentRunIsRefused() {
		ExportTask task = runningTask(11);
		ExportTask silent = this.tasks.find(task.taskId()).orElseThrow();

		assertThat(this.running.release(silent, INTERRUPTED, true, "first")).isTrue();
		this.running.takePending(task.taskId(), 12, 2, "node-b").orElseThrow();

		assertThat(this.running.release(silent, INTERRUPTED, true, "second")).isFalse();
		assertThat(this.tasks.find(task.taskId()).orElseThrow().jobExecutionId()).isEqualTo(12);
	}

	@Test
	void aCancelledRunIsToldToStopByItsProgressWithoutBeingFenced() {
		ExportTask task = runningTask(11);
		TaskRun run = this.running.run(task.taskId(), 11);

		this.tasks.requestCancel(task.taskId(), "its owner");

		assertThat(run.progress(new Progress(10, 1000L))).isFalse();
		assertThatNoException().isThrownBy(run::heartbeat);
	}

	@Test
	void aRunReleasedToPendingThatNoRunHasTakenYetCanWriteNothing() {
		ExportTask task = runningTask(11);
		TaskRun stale = this.running.run(task.taskId(), 11);

		assertThat(this.running.release(this.tasks.find(task.taskId()).orElseThrow(), INTERRUPTED, true, "released"))
			.isTrue();

		assertRefusesEveryWrite(stale);
		ExportTask now = this.tasks.find(task.taskId()).orElseThrow();
		assertThat(now.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(this.tasks.events(task.taskId())).extracting(TaskEvent::detail).doesNotContain("by the stale run");
	}

	@Test
	void aRunReleasedToFailedCanWriteNothingNorEndItAgain() {
		ExportTask task = runningTask(11);
		TaskRun stale = this.running.run(task.taskId(), 11);

		assertThat(this.running.release(this.tasks.find(task.taskId()).orElseThrow(),
				new TaskError(ErrorCode.INTERRUPTED, "It failed."), false, "released for good")).isTrue();

		assertRefusesEveryWrite(stale);
		assertThat(this.tasks.find(task.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
	}

	@Test
	void aRunThatHandedItsTaskBackCanWriteNothingMoreAndTheNextRunTakesIt() {
		ExportTask task = runningTask(11);
		TaskRun handing = this.running.run(task.taskId(), 11);

		assertThat(handing.handBack("handed back")).isTrue();

		assertRefusesEveryWrite(handing);
		TaskRun next = this.running.takeHandedBack(task.taskId(), 12, "node-b").orElseThrow();
		assertThatNoException().isThrownBy(next::heartbeat);
		assertThat(this.tasks.find(task.taskId()).orElseThrow().node()).isEqualTo("node-b");
	}

	@Test
	void aHandedBackTaskThatNoNodeCouldResumeIsReleasedOnItsLatestRunWithNoHolder() {
		ExportTask task = runningTask(11);
		assertThat(this.running.run(task.taskId(), 11).handBack("handed back")).isTrue();

		assertThat(this.running.release(this.tasks.find(task.taskId()).orElseThrow(), INTERRUPTED, true, "not resumed"))
			.isTrue();

		assertThat(this.tasks.find(task.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
	}

	@Test
	void aTaskEndedByItsRunHoldsNoRunAfterwards() {
		ExportTask task = runningTask(11);
		TaskRun run = this.running.run(task.taskId(), 11);

		assertThat(run.finish(TaskStatus.SUCCEEDED, TaskChange.succeeded(this.tasks.now(), List.of(), new Progress(1, 1L))))
			.isTrue();

		assertThatExceptionOfType(RunFencedException.class).isThrownBy(run::heartbeat)
			.satisfies((fence) -> assertThat(fence.current()).isNull());
		assertThatExceptionOfType(RunFencedException.class)
			.isThrownBy(() -> run.event(TaskEventType.FILE_STORED, "after its end"));
	}

	/** Every kind of write of the run is refused as fenced, and none lands. */
	private void assertRefusesEveryWrite(TaskRun run) {
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(run::heartbeat)
			.satisfies((fence) -> assertThat(fence.current()).as("no run holds it").isNull());
		assertThatExceptionOfType(RunFencedException.class)
			.isThrownBy(() -> run.event(TaskEventType.FILE_STORED, "by the stale run"));
		assertThatExceptionOfType(RunFencedException.class)
			.isThrownBy(() -> run.event(TaskEventType.RESUMED, "by the stale run"));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> run.progress(new Progress(900, 1000L)));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> run.handBack("by the stale run"));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> run.retry(INTERRUPTED, Duration.ZERO, "by the stale run"));
		assertThatExceptionOfType(RunFencedException.class).isThrownBy(() -> run.finish(TaskStatus.CANCELLED,
				TaskChange.cancelled(this.tasks.now())));
	}

	@Test
	void aMailIsClaimedOnceAndMayBeClaimedAgainOnlyOnceItsClaimIsStaleAndNeverOnceDone() {
		ExportTask task = runningTask(11);

		assertThat(this.mails.claim(task.taskId(), "success", Duration.ofMinutes(2))).isTrue();
		assertThat(this.mails.claim(task.taskId(), "success", Duration.ofMinutes(2))).isFalse();
		assertThat(this.mails.claim(task.taskId(), "failure", Duration.ofMinutes(2))).isTrue();
		// a claim whose sender died while sending: stale at once with no life left
		assertThat(this.mails.claim(task.taskId(), "success", Duration.ofMillis(-1))).isTrue();

		this.mails.done(task.taskId(), "success", TaskEventType.NOTIFICATION_SENT, "success mail to x");

		assertThat(this.mails.isDone(task, "success")).isTrue();
		assertThat(this.mails.claim(task.taskId(), "success", Duration.ofMillis(-1))).isFalse();
	}

	/** A task held by run {@code token} on node-a. */
	private ExportTask runningTask(long token) {
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"material=rock", queryKey, this.owner, "someone@example.org", this.tasks.now(), 1000L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.stored.add(task.taskId());
		assertThat(this.running.takePending(task.taskId(), token, 1, "node-a")).isPresent();
		return task;
	}

	/** Another node releases the silent run and takes the task with run {@code token}. */
	private TaskRun takeOver(ExportTask task, long token) {
		assertThat(this.running.release(this.tasks.find(task.taskId()).orElseThrow(), INTERRUPTED, true, "taken over"))
			.isTrue();
		return this.running.takePending(task.taskId(), token, 2, "node-b").orElseThrow();
	}

}
