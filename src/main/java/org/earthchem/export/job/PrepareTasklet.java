package org.earthchem.export.job;

import java.time.Duration;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.run.ExportRuns;
import org.earthchem.export.job.run.TooManyRowsException;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.Compression;
import org.earthchem.export.source.ExportQuery;
import org.earthchem.export.source.FileType;
import org.earthchem.export.source.IndexMapping;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SearchOutageException;
import org.earthchem.export.source.SearchUnavailableException;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.source.SourceDefinition;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Opens a point-in-time on the source's index, counts what the query matches and fixes the columns from the
 * live mapping. The count is held to {@code export.max-total-rows} again: the index may have grown since the request
 * was accepted. Runs again on a restart to open a fresh point-in-time, keeping the columns and count of the first run.
 */
class PrepareTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(PrepareTasklet.class);

	private final TaskStore tasks;

	private final SourceCatalog sources;

	private final SearchCluster cluster;

	private final Duration keepAlive;

	private final long maxTotalRows;

	private final ExportRuns runs;

	private final RetryTemplate outageWait;

	private final Duration outageLimit;

	/**
	 * @param outageWait retries a call while the search cluster is unreachable, up to {@code outageLimit}: an outage at
	 * the start of a run is waited out as one during its reading is
	 */
	PrepareTasklet(TaskStore tasks, ExportRuns runs, SourceCatalog sources, SearchCluster cluster, Duration keepAlive,
			long maxTotalRows, RetryTemplate outageWait, Duration outageLimit) {
		this.outageWait = outageWait;
		this.outageLimit = outageLimit;
		this.tasks = tasks;
		this.runs = runs;
		this.sources = sources;
		this.cluster = cluster;
		this.keepAlive = keepAlive;
		this.maxTotalRows = maxTotalRows;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext jobContext = chunkContext.getStepContext().getStepExecution().getJobExecution()
			.getExecutionContext();
		String taskId = chunkContext.getStepContext().getStepExecution().getJobParameters().getString("taskId");
		ExportTask task = this.tasks.find(taskId)
			.orElseThrow(() -> new IllegalStateException("task " + taskId + " is not in the task table"));
		ExportPlan plan;
		if (ExportPlan.isIn(jobContext)) {
			ExportPlan earlier = ExportPlan.from(jobContext);
			plan = earlier.withPointInTime(waitingOut(() -> this.cluster.openPointInTime(earlier.index(), this.keepAlive)));
			log.info("Export {} resumes on a new point-in-time", taskId);
		}
		else {
			SourceDefinition source = this.sources.require(task.source());
			IndexMapping mapping = waitingOut(() -> this.cluster.mapping(source.index()));
			ExportQuery query = this.sources.parse(source, mapping, task.query(), FileType.parse(task.fileType())
				.orElseThrow(() -> new IllegalStateException("task " + taskId + " has file type " + task.fileType())),
					Compression.of(task.compression()));
			ColumnSet columns = ColumnSet.of(source, mapping, query.columnPrefixes());
			String pitId = waitingOut(() -> this.cluster.openPointInTime(source.index(), this.keepAlive));
			long total = countWithin(taskId, pitId, query);
			plan = new ExportPlan(pitId, source.index(), query.queryJson(), source.sortField(), query.fileType(),
					query.compression(), columns, total);
			log.info("Export {} plans {} rows x {} columns from {}", taskId, total, columns.size(), source.index());
		}
		plan.saveTo(jobContext);
		long executionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
		this.runs.require(executionId).progress(new Progress(0, plan.totalRows()));
		return RepeatStatus.FINISHED;
	}

	/**
	 * A call to the search cluster, retried while it is unreachable; past the outage limit the export fails naming the
	 * search cluster.
	 */
	private <T> T waitingOut(Supplier<T> call) {
		try {
			return this.outageWait.invoke(call);
		}
		catch (SearchUnavailableException ex) {
			throw new SearchOutageException(this.outageLimit, ex);
		}
	}

	/**
	 * The rows the search matches on the new point-in-time, within {@code export.max-total-rows} (the index may have
	 * grown since the request). On any failure the point-in-time is closed here, as no plan names it yet; a failure
	 * to close it never hides why the step failed (too many rows is final, the cluster's hiccup is not).
	 */
	private long countWithin(String taskId, String pitId, ExportQuery query) {
		try {
			long total = waitingOut(() -> this.cluster.count(pitId, this.keepAlive, query.queryJson()));
			if (total > this.maxTotalRows) {
				log.info("Export {} matches {} rows now, more than the limit of {}", taskId, total, this.maxTotalRows);
				throw new TooManyRowsException(total, this.maxTotalRows);
			}
			return total;
		}
		catch (RuntimeException ex) {
			try {
				this.cluster.closePointInTime(pitId);
			}
			catch (RuntimeException notClosed) {
				// it expires after its keep-alive
				ex.addSuppressed(notClosed);
			}
			throw ex;
		}
	}

}
