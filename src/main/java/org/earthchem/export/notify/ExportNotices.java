package org.earthchem.export.notify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.earthchem.export.job.ExportFinished;
import org.springframework.context.event.EventListener;

/**
 * Tells the owner of each finished export ({@link ExportFinished}), on this module's mail pool: the run that
 * published the event goes on, and learns through the event when the mail is handled.
 */
class ExportNotices {

	private final Notifier notifier;

	private final Executor mailPool;

	ExportNotices(Notifier notifier, Executor mailPool) {
		this.notifier = notifier;
		this.mailPool = mailPool;
	}

	@EventListener
	void on(ExportFinished finished) {
		CompletableFuture.supplyAsync(() -> this.notifier.ensureSent(finished.task()), this.mailPool)
			.whenComplete((handled, failure) -> {
				if (failure != null) {
					finished.handled().completeExceptionally(failure);
				}
				else {
					finished.handled().complete(handled);
				}
			});
	}

}
