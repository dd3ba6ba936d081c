package org.earthchem.export.queue;

import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.run.ExportWorker;
import org.earthchem.export.source.SourceCatalog;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the listener of the task queue ({@link TaskMessageListener}, not started with the context) once the node has
 * started and its sources are checked against the search cluster: a node that could not reach the cluster at start
 * takes no export from the queue, where another node may run it, until it could. Not after the node began to stop.
 */
class ListenerStart implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(ListenerStart.class);

	private final SourceCatalog sources;

	private final MessageListenerContainerRegistry listeners;

	private final ExportWorker worker;

	private final String queueName;

	ListenerStart(SourceCatalog sources, MessageListenerContainerRegistry listeners, ExportWorker worker,
			String queueName) {
		this.sources = sources;
		this.listeners = listeners;
		this.worker = worker;
		this.queueName = queueName;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.sources.isChecked()) {
			log.info("This node takes no exports from {} until its sources are checked against the search cluster",
					this.queueName);
		}
		this.sources.whenChecked("the start of the queue listener", this::start);
	}

	private void start() {
		MessageListenerContainer<?> container = this.listeners.getContainerById(TaskMessageListener.LISTENER_ID);
		if (container == null || container.isRunning() || this.worker.isStopping() || !this.listeners.isRunning()) {
			return;
		}
		container.start();
		log.info("Taking exports from {}", this.queueName);
	}

}
