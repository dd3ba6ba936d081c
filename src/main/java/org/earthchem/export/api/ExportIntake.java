package org.earthchem.export.api;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.queue.ExportQueue;
import org.earthchem.export.queue.QueueUnavailableException;
import org.earthchem.export.security.Caller;
import org.earthchem.export.source.ExportQuery;
import org.earthchem.export.source.SourceDefinition;
import org.earthchem.export.task.ExportLimits;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.NewTasks;
import org.earthchem.export.task.TaskCreation;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Takes a search in as an export: the search checked against its source, the caller's identical active export
 * answered instead of a new one, the caps, the count of matched rows, the task created once (a fresh id on a clash),
 * and its queue message sent — or the task withdrawn when the queue cannot be reached, so that nothing waits without
 * a message.
 */
@Component
class ExportIntake {

	private static final Logger log = LoggerFactory.getLogger(ExportIntake.class);

	/** The export a request leads to: a new task, or the caller's identical one already active. */
	record Intake(ExportTask task, boolean created) {
	}

	private final SearchRequests searches;

	private final TaskStore tasks;

	private final NewTasks newTasks;

	private final ExportQueue queue;

	private final ExportLimits limits;

	private final ExportMetrics metrics;

	ExportIntake(SearchRequests searches, TaskStore tasks, NewTasks newTasks, ExportQueue queue, ExportLimits limits,
			ExportMetrics metrics) {
		this.searches = searches;
		this.tasks = tasks;
		this.newTasks = newTasks;
		this.queue = queue;
		this.limits = limits;
		this.metrics = metrics;
	}

	Intake take(String source, Caller caller, HttpServletRequest request) {
		SourceDefinition definition = this.searches.exportable(source, caller);
		ExportQuery query = this.searches.query(definition, request);
		String fileType = query.fileType().extension();
		Optional<ExportTask> existing = this.tasks.findActive(caller.owner(), source, query.queryKey(), fileType,
				query.compression().value());
		if (existing.isPresent()) {
			return new Intake(existing.get(), false);
		}
		// a cheap look first, so that a caller at a cap costs no count; the create below is what holds under races
		if (this.tasks.activeCount(caller.owner()) >= this.limits.maxActivePerOwner()) {
			throw tooManyActive();
		}
		if (this.tasks.pendingCount() >= this.limits.maxPending()) {
			throw queueFull();
		}
		long matched = this.searches.matchedRows(definition, query, caller);
		NewTasks.Creation creation = create(definition, query, caller, fileType, matched);
		if (creation.outcome() == TaskCreation.DUPLICATE) {
			// an identical request a moment before this one created it: identical requests do not run twice
			return new Intake(creation.task(), false);
		}
		ExportTask task = creation.task();
		if (!enqueue(task)) {
			// the message went out after all (the failure was in the answer), and a node runs it
			return new Intake(task, true);
		}
		this.metrics.created(task);
		log.info("Export {} created for {}: {}?{} ({} rows)", task.taskId(), caller.owner(), source, task.query(),
				matched);
		return new Intake(task, true);
	}

	/** Sends the task's message; false when the send failed but the task could not be withdrawn (the message is out). */
	private boolean enqueue(ExportTask task) {
		try {
			this.queue.enqueue(task);
			return true;
		}
		catch (QueueUnavailableException ex) {
			if (!this.newTasks.withdraw(task.taskId())) {
				return false;
			}
			// nothing runs a task without a message: it is taken back, and the client asks again later
			log.warn("Export {} withdrawn: the queue cannot be reached ({})", task.taskId(), ex.getMessage());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.QUEUE_UNAVAILABLE,
					"The export queue cannot be reached right now, so the export was not created. Please try again "
							+ "in a minute.",
					Map.of(), "30");
		}
	}

	/** The new task ({@code task()} of a CREATED), or the caller's identical active task (DUPLICATE). */
	private NewTasks.Creation create(SourceDefinition definition, ExportQuery query, Caller caller, String fileType,
			long matched) {
		// a fresh id on the rare clash of two ids in the same millisecond
		for (int attempt = 0; attempt < 5; attempt++) {
			ExportTask task = ExportTask.pending(TaskIds.newId(definition.name(), query.queryKey(), this.tasks.now()),
					definition.name(), fileType, query.compression().value(), query.canonicalQuery(), query.queryKey(),
					caller.owner(), caller.email(), this.tasks.now(), matched);
			NewTasks.Creation creation = this.newTasks.createOnce(task, this.limits.maxActivePerOwner(),
					this.limits.maxPending());
			switch (creation.outcome()) {
				case CREATED -> {
					return new NewTasks.Creation(TaskCreation.CREATED, task);
				}
				case DUPLICATE -> {
					return creation;
				}
				case OWNER_AT_LIMIT -> throw tooManyActive();
				case SERVICE_AT_LIMIT -> throw queueFull();
				case ID_TAKEN -> {
					// another id
				}
			}
		}
		throw new IllegalStateException("could not allocate a unique task id");
	}

	private ApiException tooManyActive() {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_ACTIVE_EXPORTS,
				"You already have " + this.limits.maxActivePerOwner()
						+ " exports waiting or running. Please wait until one finishes.",
				Map.of("limit", this.limits.maxActivePerOwner()), "60");
	}

	private ApiException queueFull() {
		log.warn("Export refused: the service already holds {} waiting exports (export.max-pending)",
				this.limits.maxPending());
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.QUEUE_FULL,
				"The export service has as many exports waiting as it can hold right now, so the export was not "
						+ "created. Please try again in a few minutes.",
				Map.of("limit", this.limits.maxPending()), "120");
	}

}
