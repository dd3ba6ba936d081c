package org.earthchem.export.job.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

/** Starts the export job of a task on the job operator's worker pool. */
public class ExportLauncher {

	public static final String TASK_ID = "taskId";

	/** Names one launch on this node (not identifying: a restart is the same job instance), for its end. */
	public static final String LAUNCH = "launch";

	private final JobOperator jobOperator;

	private final Job exportJob;

	public ExportLauncher(JobOperator jobOperator, Job exportJob) {
		this.jobOperator = jobOperator;
		this.exportJob = exportJob;
	}

	/** Queues the task's job (or restarts its failed one) as launch {@code launch}; returns the new job execution id. */
	public long launch(String taskId, String launch) {
		JobParameters parameters = new JobParametersBuilder().addString(TASK_ID, taskId, true)
			.addString(LAUNCH, launch, false)
			.toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.exportJob, parameters);
			return execution.getId();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not start the export job of task " + taskId, ex);
		}
	}

}
