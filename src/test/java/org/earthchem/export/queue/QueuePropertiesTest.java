package org.earthchem.export.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The queue settings refuse a queue that would not keep exports in order per task. */
class QueuePropertiesTest {

	@Test
	void aStandardQueueIsRefusedWithTheSettingsToChange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueueProperties("export-tasks", "export-tasks-dlq.fifo", true, Duration.ofSeconds(30),
					Duration.ofSeconds(30), false, 1000, Duration.ofMinutes(15)))
			.withMessageContaining("export.queue.name");
	}

	@Test
	void aStandardDeadLetterQueueIsRefusedToo() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueueProperties("export-tasks.fifo", "export-tasks-dlq", true, Duration.ofSeconds(30),
					Duration.ofSeconds(30), false, 1000, Duration.ofMinutes(15)))
			.withMessageContaining("dead-letter-name");
	}

	@Test
	void aMessageTakenAsLostWhileItMayStillBeInAWorkersHandIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueueProperties("export-tasks.fifo", "export-tasks-dlq.fifo", true,
					Duration.ofSeconds(30), Duration.ofSeconds(30), false, 1000, Duration.ofSeconds(30)))
			.withMessageContaining("export.queue.lost-after");
	}

	@Test
	void fifoQueuesAreAccepted() {
		assertThatNoException().isThrownBy(() -> new QueueProperties("export-tasks.fifo", "export-tasks-dlq.fifo", true,
				Duration.ofSeconds(30), Duration.ofSeconds(30), false, 1000, Duration.ofMinutes(15)));
	}

}
