package org.earthchem.export.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node is stopping (SIGTERM): it starts nothing more, and its running exports stop at their next chunk
 * and are handed back, to be resumed by another node from their last uploaded part.
 */
final class NodeStopping {

	private static final Logger log = LoggerFactory.getLogger(NodeStopping.class);

	private volatile boolean stopping;

	void begin() {
		if (!this.stopping) {
			this.stopping = true;
			log.info("This node is stopping: it hands its running exports back to the queue");
		}
	}

	boolean isStopping() {
		return this.stopping;
	}

}
