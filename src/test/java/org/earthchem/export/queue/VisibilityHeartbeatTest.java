package org.earthchem.export.queue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.awspring.cloud.sqs.listener.QueueMessageVisibility;
import io.awspring.cloud.sqs.listener.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.earthchem.export.job.run.ExportWorker;
import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The message of a running export is kept hidden on threads of its own, whatever else the node schedules; a run whose
 * message could not be kept hidden is asked to stop before another node may take it. A message of a queue of the
 * test's own, received for a short visibility timeout.
 */
class VisibilityHeartbeatTest extends IntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	@Autowired
	private SqsAsyncClient sqs;

	@Autowired
	private VisibilityHeartbeats heartbeats;

	@Autowired
	private ThreadPoolTaskScheduler exportScheduler;

	@Autowired
	private ExportWorker worker;

	private String queueUrl;

	@BeforeEach
	void aQueueOfTheTestsOwn() {
		// not the task queue: no worker of the service takes its message
		this.queueUrl = this.sqs.createQueue((r) -> r.queueName("visibility-test-" + UUID.randomUUID()))
			.join()
			.queueUrl();
	}

	@Test
	void aMessageStaysHiddenPastItsTimeoutWhileTheExportSchedulerIsBusy() {
		String taskId = "visibility-test-" + UUID.randomUUID();
		CountDownLatch busy = new CountDownLatch(1);
		// a slow sweep and a gauge waiting on SQS take both threads of the export scheduler
		for (int i = 0; i < 2; i++) {
			this.exportScheduler.execute(() -> awaitQuietly(busy));
		}
		VisibilityHeartbeats.Hold hold = this.heartbeats.hold(taskId, receive(), TIMEOUT);
		try {
			await().during(TIMEOUT.multipliedBy(2)).atMost(TIMEOUT.multipliedBy(3)).until(() -> peek().isEmpty());
		}
		finally {
			hold.stop();
			busy.countDown();
		}
		assertThat(this.worker.releaseRequested(taskId)).as("released").isFalse();
	}

	@Test
	void extensionsFailingForTwoThirdsOfTheTimeoutAskTheWorkerToReleaseTheRun() {
		String taskId = "visibility-test-" + UUID.randomUUID();
		VisibilityHeartbeats.Hold hold = this.heartbeats.hold(taskId, receive(), TIMEOUT);
		try {
			stack().sqsProxy().cut();
			// not at the first failed extension: the message is hidden for a while yet
			await().atLeast(TIMEOUT.dividedBy(3)).atMost(TIMEOUT.multipliedBy(2)).pollInterval(Duration.ofMillis(50))
				.until(() -> this.worker.releaseRequested(taskId));
		}
		finally {
			hold.stop();
			stack().sqsProxy().restore();
		}
		// the service's long poll that the cut broke lives on in ElasticMQ until its wait (5 s) is over, and would
		// take the next test's message out of sight for a visibility timeout
		await().pollDelay(Duration.ofSeconds(6)).until(() -> true);
	}

	/** Sends a message to the test's queue and receives it for {@link #TIMEOUT}. */
	private Visibility receive() {
		this.sqs.sendMessage((r) -> r.queueUrl(this.queueUrl).messageBody("an export")).join();
		List<Message> messages = this.sqs.receiveMessage((r) -> r.queueUrl(this.queueUrl)
			.visibilityTimeout((int) TIMEOUT.toSeconds())
			.waitTimeSeconds(5)).join().messages();
		assertThat(messages).hasSize(1);
		return new QueueMessageVisibility(this.sqs, this.queueUrl, messages.get(0).receiptHandle());
	}

	/** The messages another node would receive now (and leaves them visible). */
	private List<Message> peek() {
		return this.sqs.receiveMessage((r) -> r.queueUrl(this.queueUrl).visibilityTimeout(0).waitTimeSeconds(0))
			.join()
			.messages();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
