package org.earthchem.export.task;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers claim the oldest Pending export that may start, one at a time, in DynamoDB Local. The tasks are stored as
 * accepted in 2001, before any other test's, so that they are the oldest in the shared table while the test runs.
 */
class QueueClaimsTest extends IntegrationTest {

	private static final Duration CLAIM = Duration.ofMinutes(1);

	private static final Instant LONG_AGO = Instant.parse("2001-02-03T04:05:06Z");

	@Autowired
	private TaskStore tasks;

	@Autowired
	private QueueClaims claims;

	@Autowired
	private RunningTasks running;

	private final StoredTasks stored = new StoredTasks("queue-claims-test-" + UUID.randomUUID());

	@AfterEach
	void end() {
		this.stored.end(this.tasks);
	}

	@Test
	void twoWorkersClaimTheTwoOldestPendingExportsInTheOrderTheyWereAcceptedAndNeverTheSameOne() {
		ExportTask first = this.stored.pending(this.tasks, LONG_AGO);
		ExportTask second = this.stored.pending(this.tasks, LONG_AGO.plusMillis(1));
		this.stored.pending(this.tasks, LONG_AGO.plusMillis(2));

		assertThat(this.claims.claimOldest("worker-1", CLAIM)).map(ExportTask::taskId).contains(first.taskId());
		assertThat(this.claims.claimOldest("worker-2", CLAIM)).map(ExportTask::taskId).contains(second.taskId());
	}

	@Test
	void anExportWaitingOutItsRetryBackOffIsPassedOverUntilItEnds() {
		ExportTask retried = this.stored.pending(this.tasks, LONG_AGO);
		ExportTask next = this.stored.pending(this.tasks, LONG_AGO.plusMillis(1));
		this.running.takePending(retried.taskId(), 1, 1, "node-a").orElseThrow()
			.retry(new TaskError(ErrorCode.STORAGE_UNAVAILABLE, "The file store was away."), Duration.ofHours(1),
					"attempt 2 in an hour");

		assertThat(this.claims.claimOldest("worker-1", CLAIM)).map(ExportTask::taskId).contains(next.taskId());
		assertThat(this.claims.notBefore(retried.taskId())).isPresent();
	}

	@Test
	void aClaimGivenUpLetsTheNextWorkerClaimTheSameExportAtOnce() {
		ExportTask oldest = this.stored.pending(this.tasks, LONG_AGO);

		assertThat(this.claims.claimOldest("worker-1", CLAIM)).map(ExportTask::taskId).contains(oldest.taskId());
		this.claims.release(oldest.taskId(), "worker-1");

		assertThat(this.claims.claimOldest("worker-2", CLAIM)).map(ExportTask::taskId).contains(oldest.taskId());
	}

	@Test
	void theTakeOfAClaimedExportRecordsTheClaimsTimeAsItsStart() {
		ExportTask oldest = this.stored.pending(this.tasks, LONG_AGO);
		Instant claimed = this.tasks.now();
		assertThat(this.claims.claimOldest("worker-1", CLAIM)).isPresent();
		// the take comes measurably later than the claim
		await().atMost(Duration.ofSeconds(1)).until(() -> this.tasks.now().isAfter(claimed.plusMillis(50)));

		this.running.takePending(oldest.taskId(), 1, 1, "node-a").orElseThrow();

		ExportTask taken = this.tasks.find(oldest.taskId()).orElseThrow();
		assertThat(taken.startedAt()).isBetween(claimed, claimed.plusMillis(40));
	}

}
