package org.earthchem.export.queue;

import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;

import org.earthchem.export.job.run.ExportWorker;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * On SIGTERM (the context closing, before any bean stops), this node stops taking exports and hands its running ones
 * back: each stops at its next chunk, keeps its upload and checkpoint, and its message goes back to the queue for
 * another node to resume it at once. The listener then stops, once every export it held is handed back. First of all
 * listeners to the closing: the thread pools stop taking work when they hear of it, and a hand-back still needs them.
 */
class GracefulStop implements ApplicationListener<ContextClosedEvent>, Ordered {

	private final ExportWorker worker;

	private final MessageListenerContainerRegistry listeners;

	GracefulStop(ExportWorker worker, MessageListenerContainerRegistry listeners) {
		this.worker = worker;
		this.listeners = listeners;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.worker.stopTaking();
		MessageListenerContainer<?> container = this.listeners.getContainerById(TaskMessageListener.LISTENER_ID);
		if (container != null && container.isRunning()) {
			// waits for the messages in hand: their exports are being handed back
			container.stop();
		}
	}

}
