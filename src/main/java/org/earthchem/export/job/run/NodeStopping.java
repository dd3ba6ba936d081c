package org.earthchem.export.job.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node is stopping (SIGTERM): it starts nothing more, and its running exports stop at their next chunk
 * and are handed back, to be resumed by another node from their last uploaded part. One export may be let go the same
 * way on its own (its queue message could not be kept hidden: another node may take it soon).
 */
public final class NodeStopping {

	private static final Logger log = LoggerFactory.getLogger(NodeStopping.class);

	private volatile boolean stopping;

	private final java.util.Set<String> released = java.util.concurrent.ConcurrentHashMap.newKeySet();

	void begin() {
		if (!this.stopping) {
			this.stopping = true;
			log.info("This node is stopping: it hands its running exports back to the queue");
		}
	}

	public boolean isStopping() {
		return this.stopping;
	}

	/** This node's run of the task stops at its next chunk and hands the export back. */
	void release(String taskId) {
		this.released.add(taskId);
	}

	/** Whether this node's run of the task must stop and hand it back (the node stops, or it let the task go). */
	public boolean letsGo(String taskId) {
		return this.stopping || this.released.contains(taskId);
	}

	/** A new run of the task on this node begins: an earlier release was for the run before. */
	void forget(String taskId) {
		this.released.remove(taskId);
	}

}
