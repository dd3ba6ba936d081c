package org.earthchem.export.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.format.CsvRowWriter;
import org.earthchem.export.job.format.JsonRowWriter;
import org.earthchem.export.job.format.RowFormat;
import org.earthchem.export.job.format.XlsxRowWriter;
import org.earthchem.export.job.read.PointInTimeReader;
import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.RowFlattener;
import org.earthchem.export.job.run.ExecutionEnds;
import org.earthchem.export.job.run.ExportLauncher;
import org.earthchem.export.job.run.ExportRuns;
import org.earthchem.export.job.run.Heartbeats;
import org.earthchem.export.job.run.NodeId;
import org.earthchem.export.job.run.NodeStopping;
import org.earthchem.export.job.run.RetryPlan;
import org.earthchem.export.job.run.RunEnvironment;
import org.earthchem.export.job.upload.ExportFileWriter;
import org.earthchem.export.job.upload.FileDigest;
import org.earthchem.export.job.upload.FileNames;
import org.earthchem.export.job.upload.PartBuffers;
import org.earthchem.export.job.upload.PartUploader;
import org.earthchem.export.job.upload.ResumePoint;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.source.Compression;
import org.earthchem.export.source.FileType;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SearchUnavailableException;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.storage.BucketProperties;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.task.ExportLimits;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskRun;
import org.earthchem.export.task.TaskStore;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export job: {@code prepare} (point-in-time, count, columns), then {@code extract} (read, flatten, format and
 * upload each file part by part into the bucket), run by the job operator on a pool of {@code export.workers}.
 */
@Configuration(proxyBeanMethods = false)
public class ExportJobConfig {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExportJobConfig.class);

	public static final String JOB_NAME = "export";
	@Bean
	JsonFactory exportJsonFactory() {
		// rows are written as separate root values; the array punctuation between them is the writer's own
		return JsonFactory.builder().rootValueSeparator((String) null).build();
	}
	/** Uploads parts: each running export has at most one part in flight while it formats the next. */
	@Bean
	ThreadPoolTaskExecutor partUploader(ExportJobProperties jobProperties) {
		// loads the native digest now rather than in the middle of the first export
		log.info("File digests: {}", FileDigest.implementation());
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(jobProperties.workers());
		executor.setMaxPoolSize(jobProperties.workers());
		executor.setThreadNamePrefix("export-upload-");
		executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		executor.initialize();
		return executor;
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService pagePrefetcher() {
		// page reads are spans of the job's trace
		return ContextExecutorService.wrap(Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "export-prefetch");
			thread.setDaemon(true);
			return thread;
		}), ContextSnapshotFactory.builder().build()::captureAll);
	}
	@Bean
	Job exportJob(JobRepository jobRepository, Step prepareStep, Step extractStep, TaskStore tasks,
			RunningTasks runningTasks, ExportRuns exportRuns, SearchCluster cluster, ExportBucket bucket,
			DownloadLinks links, RetryPlan exportRetryPlan, Heartbeats exportHeartbeats,
			ApplicationEventPublisher events, NodeId exportNode, ExecutionEnds exportExecutionEnds,
			NodeStopping exportNodeStopping, ExportMetrics metrics, ObservationRegistry observationRegistry) {
		RunEnvironment environment = new RunEnvironment(exportNode, exportNodeStopping, cluster, bucket, links,
				exportHeartbeats, exportRetryPlan, exportExecutionEnds, metrics);
		return new JobBuilder(JOB_NAME, jobRepository)
			// the job and its steps are spans of the trace that began with the POST
			.observationRegistry(observationRegistry)
			.listener(new TaskStatusListener(tasks, runningTasks, exportRuns, environment, events))
			.start(prepareStep)
			.next(extractStep)
			.build();
	}

	@Bean
	Step prepareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, TaskStore tasks,
			ExportRuns exportRuns, SourceCatalog sources, SearchCluster cluster, ExportJobProperties properties, ExportLimits limits,
			ObservationRegistry observationRegistry, RetryTemplate pageRetries) {
		return new StepBuilder("prepare", jobRepository)
			.observationRegistry(observationRegistry)
			.tasklet(new PrepareTasklet(tasks, exportRuns, sources, cluster, properties.pitKeepAlive(), limits.maxTotalRows(),
					pageRetries, properties.outageLimit()), transactionManager)
			// a restart needs a fresh point-in-time: the old one was closed when the failed run ended
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step extractStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PointInTimeReader exportReader, ExportFileWriter exportWriter, ExportJobProperties properties,
			ObservationRegistry observationRegistry) {
		ExecutionContextPromotionListener reportFiles = new ExecutionContextPromotionListener();
		reportFiles.setKeys(new String[] { ExportFileWriter.FILES });
		return new StepBuilder("extract", jobRepository).observationRegistry(observationRegistry)
			.<Row, Row>chunk(properties.pageSize())
			.transactionManager(transactionManager)
			.reader(exportReader)
			.writer(exportWriter)
			.listener(reportFiles)
			.build();
	}

	@Bean
	RetryTemplate pageRetries(ExportJobProperties properties) {
		RetryTemplate retries = new RetryTemplate(RetryPolicy.builder()
			.includes(SearchUnavailableException.class)
			// an unreachable cluster is waited for (the reader goes on where it was), up to the outage limit
			.maxRetries(Long.MAX_VALUE)
			.timeout(properties.outageLimit())
			.delay(properties.pageRetryDelay())
			.multiplier(2)
			.maxDelay(properties.outageMaxDelay())
			.build());
		retries.setRetryListener(new RetryListener() {
			@Override
			public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
				// the MDC of the reading thread carries the task id
				log.warn("A page read failed and will be retried until the search cluster answers (for up to {}): {}",
						properties.outageLimit(), failure.getMessage());
			}

			@Override
			public void onRetrySuccess(RetryPolicy policy, Retryable<?> retryable, Object result) {
				log.info("A page read succeeded on retry");
			}
		});
		return retries;
	}

	@Bean
	@StepScope
	PointInTimeReader exportReader(@Value("#{stepExecution}") StepExecution stepExecution, SearchCluster cluster,
			JsonFactory exportJsonFactory, ExportJobProperties properties, ExecutorService pagePrefetcher,
			RetryTemplate pageRetries, ResumePoint exportResumePoint, ExportMetrics metrics) {
		ExportPlan plan = ExportPlan.from(stepExecution.getJobExecution().getExecutionContext());
		return new PointInTimeReader(cluster, exportJsonFactory, new RowFlattener(exportJsonFactory, plan.columns()),
				plan.index(), plan.pitId(), plan.queryJson(), plan.sortField(), exportResumePoint.searchAfter(),
				properties.pageSize(), properties.pitKeepAlive(), pagePrefetcher, pageRetries, properties.outageLimit(),
				metrics);
	}

	@Bean
	@StepScope
	ResumePoint exportResumePoint(@Value("#{stepExecution}") StepExecution stepExecution, ExportBucket bucket,
			TaskStore tasks, ExportJobProperties properties) {
		ExportPlan plan = ExportPlan.from(stepExecution.getJobExecution().getExecutionContext());
		FileNames names = fileNames(stepExecution, plan, tasks, bucket, properties);
		return ResumePoint.of(stepExecution.getExecutionContext(), (file) -> bucket.resumeUpload(
				names.key(file.number()), plan.compression().contentType(plan.fileType()), names.taskId(),
				file.uploadId(), file.parts()), plan.fileType() != FileType.XLSX);
	}

	@Bean
	@StepScope
	ExportFileWriter exportWriter(@Value("#{stepExecution}") StepExecution stepExecution, JsonFactory exportJsonFactory,
			ExportJobProperties properties, BucketProperties bucketProperties, ExportBucket bucket, TaskStore tasks,
			ThreadPoolTaskExecutor partUploader, ExportMetrics metrics, ResumePoint exportResumePoint, PointInTimeReader exportReader,
			NodeId exportNode, NodeStopping exportNodeStopping, ExportRuns exportRuns) {
		ExportPlan plan = ExportPlan.from(stepExecution.getJobExecution().getExecutionContext());
		TaskRun run = exportRuns.require(stepExecution.getJobExecutionId());
		RowFormat format = switch (plan.fileType()) {
			case CSV -> new CsvRowWriter(plan.columns(), properties.formulaGuard());
			case JSON -> new JsonRowWriter(exportJsonFactory, plan.columns());
			case NDJSON -> new JsonRowWriter(exportJsonFactory, plan.columns(), true);
			case XLSX -> new XlsxRowWriter(plan.columns());
		};
		return new ExportFileWriter(bucket, run, fileNames(stepExecution, plan, tasks, bucket, properties),
				plan.compression().contentType(plan.fileType()), format, properties.maxRowsPerFile(),
				bucketProperties.partSizeBytes(),
				(plan.compression() == Compression.GZIP) ? properties.gzipLevel() : PartBuffers.NO_GZIP,
				new PartUploader(partUploader, metrics),
				exportResumePoint, exportReader::exhausted,
				exportNode,
				new ProgressReporter(run, exportRuns, plan.totalRows(), exportResumePoint.checkpoint().rowsStored(),
						properties.progressInterval(),
						() -> exportNodeStopping.letsGo(run.taskId()),
						// the step stops before its next chunk; the job ends STOPPED, and the task Cancelled or
						// handed back
						stepExecution::setTerminateOnly));
	}

	private static FileNames fileNames(StepExecution stepExecution, ExportPlan plan, TaskStore tasks, ExportBucket bucket,
			ExportJobProperties properties) {
		String taskId = stepExecution.getJobParameters().getString(ExportLauncher.TASK_ID);
		ExportTask task = tasks.find(taskId).orElseThrow(() -> new IllegalStateException("task " + taskId + " is gone"));
		return new FileNames(taskId, bucket.folder(task.source(), task.createdAt(), taskId),
				plan.compression().extension(plan.fileType()),
				FileNames.fileCount(plan.totalRows(), properties.maxRowsPerFile()));
	}

	@Bean
	JobRepositorySchema jobRepositorySchema(javax.sql.DataSource dataSource,
			org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties properties) {
		return new JobRepositorySchema(dataSource, properties);
	}
}
