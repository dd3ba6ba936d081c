package org.earthchem.export.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.earthchem.export.job.ExportJobProperties;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.PendingTasks;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receives that are not attempts never send a live task's message to the dead-letter queue, and a Pending task whose
 * message is gone all the same is sent again: no task waits for ever.
 */
class LostMessageTest extends IntegrationTest {

	@Autowired
	private SqsAsyncClient sqs;

	@Autowired
	private QueueProperties properties;

	@Autowired
	private ExportJobProperties jobProperties;

	@Autowired
	private TaskStore tasks;

	@Autowired
	private PendingTasks waiting;

	@Autowired
	private QueueReconciler reconciler;

	private final StoredTasks stored = new StoredTasks("lost-message-test-" + UUID.randomUUID());

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	@Test
	void aMessageReceivedMoreOftenThanAnExportHasAttemptsStaysInTheQueue() {
		// queues of the test's own, set up as the service sets up its queues: no worker of the service takes the message
		String name = "receives-test-" + UUID.randomUUID();
		QueueProperties own = new QueueProperties(name + ".fifo", name + "-dlq.fifo", true,
				this.properties.visibilityTimeout(), this.properties.reconcileInterval(), false,
				this.properties.maxReceives(), this.properties.lostAfter());
		new QueueConfig().queueSetup(this.sqs, own, this.jobProperties);
		String url = url(own.name());
		this.sqs.sendMessage((r) -> r.queueUrl(url).messageBody("a-task").messageGroupId("a-task")
			.messageDeduplicationId(UUID.randomUUID().toString())).join();

		for (int receive = 1; receive <= this.jobProperties.maxAttempts() + 2; receive++) {
			// another node runs its export, or its start failed while the job repository was down: back at once
			List<Message> messages = this.sqs.receiveMessage((r) -> r.queueUrl(url).waitTimeSeconds(1)).join()
				.messages();
			assertThat(messages).as("receive %d", receive).hasSize(1);
			this.sqs.changeMessageVisibility((r) -> r.queueUrl(url).receiptHandle(messages.get(0).receiptHandle())
				.visibilityTimeout(0)).join();
		}

		assertThat(this.sqs.getQueueAttributes((r) -> r.queueUrl(url(own.deadLetterName()))
			.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
	}

	@Test
	void aPendingTaskWhoseMessageIsGoneIsSentAgainByTheReconcilerAndSucceeds() {
		Instant longAgo = this.tasks.now().minus(Duration.ofHours(2));
		ExportTask task = pendingTask(longAgo);
		// its message was sent long ago and is gone (the redrive policy's safety net moved it, or it expired)
		this.waiting.markQueued(task.taskId(), longAgo);

		this.reconciler.sendUnqueued();

		ExportTask finished = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.tasks.find(task.taskId()).orElseThrow(), (t) -> !t.status().isActive());
		assertThat(finished.status()).isEqualTo(TaskStatus.SUCCEEDED);
	}

	@Test
	void aPendingTaskWhoseMessageWasSeenLatelyIsNotSentAgain() {
		ExportTask task = pendingTask(this.tasks.now().minus(Duration.ofHours(2)));
		// received a minute ago and put back for a retry's back-off: it comes back by itself
		this.waiting.markQueued(task.taskId(), this.tasks.now().minus(Duration.ofMinutes(1)));

		this.reconciler.sendUnqueued();

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
			.until(() -> this.tasks.find(task.taskId()).orElseThrow().status() == TaskStatus.PENDING);
	}

	private String url(String queueName) {
		return this.sqs.getQueueUrl((r) -> r.queueName(queueName)).join().queueUrl();
	}

	private ExportTask pendingTask(Instant createdAt) {
		return this.stored.pending(this.tasks, createdAt);
	}

}
