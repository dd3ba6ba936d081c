package org.earthchem.export.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.earthchem.export.task.ExportTask;

/**
 * An export is final and its owner is to be told: published by the run that ended it Succeeded or Failed, and again by
 * the worker that meets a final task on a redelivered queue message (the node that ended it may have died before its
 * mail went out). Whoever tells the owner (the {@code notify} module) completes {@link #handled()}: true once the
 * notice is handled for good, false while another node holds the claim to send it. The queue message of the export
 * is kept until then, so a notice is never lost with a node.
 */
public record ExportFinished(ExportTask task, CompletableFuture<Boolean> handled) {

	public ExportFinished(ExportTask task) {
		this(task, new CompletableFuture<>());
	}

	/** Waits until the notice is handled; a failure to handle it is thrown as it was. */
	public boolean awaitHandled() {
		try {
			return this.handled.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
	}

}
