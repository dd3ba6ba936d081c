package org.earthchem.export.job.run;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.earthchem.export.job.ExportJobConfig;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.RunningTasks;
import org.earthchem.export.task.TaskError;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Takes over an export whose run went silent: its message came back to the queue and its task has sent no heartbeat
 * for a lease (its node died, or stopped without dying). The silent execution is marked failed in the shared job
 * repository ({@code JobOperator} recovery), and the task goes from Processing back to Pending in one write
 * conditional on the silent run's token, so the next run resumes from the last uploaded part — and the silent run,
 * should it wake, finds its token gone and writes nothing more.
 */
public class ExportRecovery {

	private static final Logger log = LoggerFactory.getLogger(ExportRecovery.class);

	private final RunningTasks running;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final RetryPlan retries;

	private final Duration lease;

	private final ExportMetrics metrics;

	public ExportRecovery(RunningTasks running, JobRepository jobRepository, JobOperator jobOperator, RetryPlan retries,
			Duration lease, ExportMetrics metrics) {
		this.metrics = metrics;
		this.running = running;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.retries = retries;
		this.lease = lease;
	}

	/** Whether a Processing task's run has shown no sign of life for a lease (read from the task itself). */
	boolean isSilent(ExportTask task) {
		return this.running.isSilent(task.taskId(), this.lease);
	}

	/**
	 * Marks the silent execution failed and puts the task back to Pending if it has attempts left, else Failed.
	 * @return whether this call took it over (false: another node did, or the run showed life meanwhile)
	 */
	boolean takeOver(ExportTask task) {
		recoverExecution(task.taskId());
		TaskError error = ExportFailures.interrupted();
		boolean retry = this.retries.mayTakeOver(task);
		String detail = "taken over from run " + task.jobExecutionId() + " on " + task.node() + " (no heartbeat for "
				+ this.lease.toSeconds() + " s); " + (retry ? this.retries.takeOverDetail(task)
						: "interrupted " + task.interruptions() + " times already, it stops");
		if (!this.running.release(task, retry ? error : ExportFailures.forGood(error, task.taskId()), retry, detail)) {
			return false;
		}
		log.warn("Export {} was interrupted (run {} on {} silent for {}); {}", task.taskId(), task.jobExecutionId(),
				task.node(), this.lease, retry ? "taking it over" : "interrupted too often, it failed");
		if (retry) {
			this.metrics.retried(task, error.code().name());
		}
		else {
			this.metrics.finished(task, ExportMetrics.Outcome.FAILED);
		}
		return true;
	}

	/** Marks a job execution left running by a silent node as failed, so that it can be restarted. */
	void recoverExecution(String taskId) {
		JobExecution last = this.jobRepository.getLastJobExecution(ExportJobConfig.JOB_NAME,
				new JobParametersBuilder().addString(ExportLauncher.TASK_ID, taskId, true).toJobParameters());
		if (last != null && last.isRunning()) {
			this.jobOperator.recover(last);
			log.info("Export {}: job execution {} of a silent node marked failed", taskId, last.getId());
		}
	}

}
