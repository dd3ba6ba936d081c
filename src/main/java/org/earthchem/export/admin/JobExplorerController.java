package org.earthchem.export.admin;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.job.run.ExecutionConflictException;
import org.earthchem.export.job.run.LaterExecutionException;
import org.earthchem.export.job.run.ExportOperations;
import org.earthchem.export.queue.ExportQueue;
import org.earthchem.export.queue.QueueUnavailableException;
import org.earthchem.export.security.CallerResolver;
import org.earthchem.export.source.InvalidParametersException;
import org.earthchem.export.source.ParameterError;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStore;
import org.earthchem.export.task.Timestamps;
import org.earthchem.export.web.Problems;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The job explorer for operators: jobs with their executions counted by status, executions newest first, one
 * execution with its steps, and restart, stop and abandon, each kept in step with the execution's task.
 */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Job explorer")
class JobExplorerController {

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	private final ExportOperations operations;

	private final CallerResolver callers;

	private final ExportQueue queue;

	private final TaskStore tasks;

	JobExplorerController(JobRepository jobRepository, JdbcTemplate jdbc, ExportOperations operations,
			CallerResolver callers, ExportQueue queue, TaskStore tasks) {
		this.queue = queue;
		this.tasks = tasks;
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
		this.operations = operations;
		this.callers = callers;
	}

	/** A job and how many of its executions are in each status. */
	record JobView(String jobName, Map<String, Long> counts) {
	}

	/**
	 * One execution; {@code steps} only in the detail. {@code latest}: the newest execution of its export, the only one
	 * an operator may restart or abandon.
	 */
	record ExecutionView(long id, String jobName, String taskId, String status, String exitCode,
			String exitDescription, String createTime, String startTime, String endTime, boolean latest,
			Map<String, String> parameters, List<StepView> steps) {
	}

	/** One step of an execution. */
	record StepView(long id, String name, String status, long readCount, long writeCount, long commitCount,
			long rollbackCount, long skipCount, long filterCount, String exitCode, String exitDescription,
			String startTime, String endTime) {
	}

	@GetMapping("/jobs")
	@Operation(operationId = "listJobs", summary = "Operators: jobs with their executions counted by status")
	@ApiResponse(responseCode = "200", description = "Each job name with its counts.")
	List<JobView> jobs() {
		// one grouped query rather than a query per job instance
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		this.jdbc.query("SELECT i.JOB_NAME, e.STATUS, COUNT(*) FROM BATCH_JOB_EXECUTION e "
				+ "JOIN BATCH_JOB_INSTANCE i ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID GROUP BY i.JOB_NAME, e.STATUS "
				+ "ORDER BY i.JOB_NAME, e.STATUS", (row) -> {
					counts.computeIfAbsent(row.getString(1), (name) -> new LinkedHashMap<>())
						.put(row.getString(2), row.getLong(3));
				});
		for (String name : this.jobRepository.getJobNames()) {
			counts.putIfAbsent(name, new LinkedHashMap<>());
		}
		return counts.entrySet().stream().map((e) -> new JobView(e.getKey(), e.getValue())).toList();
	}

	@GetMapping("/executions")
	@Operation(operationId = "listExecutions", summary = "Operators: job executions, newest first")
	@ApiResponse(responseCode = "200", description = "The executions, without their steps.")
	@ApiResponse(responseCode = "400", description = "A bad `status` or `limit`: `errors` names it.")
	List<ExecutionView> executions(
			@Parameter(description = "Only executions in this batch status.",
					schema = @Schema(allowableValues = { "COMPLETED", "STARTING", "STARTED", "STOPPING", "STOPPED",
							"FAILED", "ABANDONED", "UNKNOWN" })) @RequestParam(name = "status",
									required = false) String status,
			@Parameter(description = "Executions at most.",
					schema = @Schema(type = "integer", minimum = "1", maximum = "500",
							defaultValue = "50")) @RequestParam(name = "limit", defaultValue = "50") String limit) {
		List<ParameterError> errors = new ArrayList<>();
		BatchStatus statusFilter = null;
		if (status != null && !status.isBlank()) {
			try {
				statusFilter = BatchStatus.valueOf(status.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new ParameterError("status", "must be one of " + List.of(BatchStatus.values())));
			}
		}
		int size = parseLimit(limit, errors);
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		List<Long> ids = (statusFilter == null)
				? this.jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC "
						+ "FETCH FIRST " + size + " ROWS ONLY", Long.class)
				: this.jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = ? "
						+ "ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST " + size + " ROWS ONLY", Long.class,
						statusFilter.name());
		List<ExecutionView> views = new ArrayList<>(ids.size());
		for (Long id : ids) {
			JobExecution execution = this.jobRepository.getJobExecution(id);
			if (execution != null) {
				views.add(view(execution, false));
			}
		}
		return views;
	}

	@GetMapping("/executions/{id}")
	@Operation(operationId = "getExecution", summary = "Operators: one execution with its steps")
	@ApiResponse(responseCode = "200", description = "The execution and its steps.")
	@ApiResponse(responseCode = "404", description = "No such execution.")
	ExecutionView execution(@PathVariable long id) {
		return view(ExportOperations.find(this.jobRepository, id), true);
	}

	@PostMapping("/executions/{id}/restart")
	@Operation(operationId = "restartExecution", summary = "Operators: restart a failed or stopped execution",
			description = "The task goes back through Pending and is queued; the answer is the new execution once a "
					+ "node has started it (else the old one).")
	@ApiResponse(responseCode = "202", description = "Restarted: the execution.")
	@ApiResponse(responseCode = "404", description = "No such execution.")
	@ApiResponse(responseCode = "409", description = "The execution cannot be restarted now; when it is not its export's "
			+ "latest execution, `latestExecutionId` names the one that can be.")
	@ApiResponse(responseCode = "503", description = "Restarted, but the queue cannot be reached (`QUEUE_UNAVAILABLE`): "
			+ "the task is Pending and is queued automatically once the queue answers; look at it again after "
			+ "`Retry-After` seconds (it needs no second restart).")
	ResponseEntity<ExecutionView> restart(@PathVariable long id, HttpServletRequest request) {
		String operator = this.callers.resolve(request).owner();
		String failedTaskId = ExportOperations.taskIdOf(ExportOperations.find(this.jobRepository, id));
		if (failedTaskId != null) {
			// Pending without a message until the send below: if it fails, or this node dies first, the reconciler
			// sends it, as for a POST
			this.queue.forgetMessage(failedTaskId);
		}
		String taskId = this.operations.requeue(id, operator);
		// through the queue like every export: whichever node has a free worker runs it
		ExportTask task = this.tasks.find(taskId).orElse(null);
		if (task != null) {
			try {
				this.queue.enqueue(task);
			}
			catch (QueueUnavailableException ex) {
				throw new RestartNotQueuedException(taskId, ex);
			}
		}
		Long restarted = this.operations.awaitNextExecution(taskId, id, java.time.Duration.ofSeconds(10));
		return ResponseEntity.accepted().body(execution(restarted != null ? restarted : id));
	}

	@PostMapping("/executions/{id}/stop")
	@Operation(operationId = "stopExecution", summary = "Operators: stop a running execution",
			description = "Its task becomes Cancelled.")
	@ApiResponse(responseCode = "202", description = "Stopping: the execution.")
	@ApiResponse(responseCode = "404", description = "No such execution.")
	@ApiResponse(responseCode = "409", description = "The execution is not running.")
	ResponseEntity<ExecutionView> stop(@PathVariable long id, HttpServletRequest request) {
		this.operations.stop(id, this.callers.resolve(request).owner());
		return ResponseEntity.accepted().body(execution(id));
	}

	@PostMapping("/executions/{id}/abandon")
	@Operation(operationId = "abandonExecution", summary = "Operators: mark a dead execution abandoned",
			description = "Its task becomes Failed.")
	@ApiResponse(responseCode = "200", description = "Abandoned: the execution.")
	@ApiResponse(responseCode = "404", description = "No such execution.")
	@ApiResponse(responseCode = "409", description = "The execution cannot be abandoned now; when it is not its export's "
			+ "latest execution, `latestExecutionId` names the one that can be.")
	ExecutionView abandon(@PathVariable long id, HttpServletRequest request) {
		return view(this.operations.abandon(id, this.callers.resolve(request).owner()), true);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> conflict(ExecutionConflictException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "EXECUTION_CONFLICT", "Not possible now",
				ex.getMessage());
		if (ex instanceof LaterExecutionException later) {
			answer.getBody().setProperty("latestExecutionId", later.latestExecutionId());
		}
		return answer;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notQueued(RestartNotQueuedException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "30")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "QUEUE_UNAVAILABLE", "Export queue unavailable", "Export "
					+ ex.taskId() + " is Pending again, but the export queue cannot be reached right now. It is queued "
					+ "automatically once the queue answers; there is no need to restart it again."));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> missing(NoSuchElementException ex) {
		return problem(HttpStatus.NOT_FOUND, "EXECUTION_NOT_FOUND", "Execution not found", ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String title, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, code, title, detail));
	}

	private static int parseLimit(String limit, List<ParameterError> errors) {
		try {
			int size = Integer.parseInt(limit);
			if (size >= 1 && size <= 500) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new ParameterError("limit", "must be a whole number from 1 to 500"));
		return 50;
	}

	private ExecutionView view(JobExecution execution, boolean withSteps) {
		Map<String, String> parameters = new LinkedHashMap<>();
		execution.getJobParameters().parameters().forEach((p) -> parameters.put(p.name(), String.valueOf(p.value())));
		List<StepView> steps = null;
		if (withSteps) {
			steps = new ArrayList<>();
			for (StepExecution step : execution.getStepExecutions()) {
				steps.add(new StepView(step.getId(), step.getStepName(), step.getStatus().name(), step.getReadCount(),
						step.getWriteCount(), step.getCommitCount(), step.getRollbackCount(), step.getSkipCount(),
						step.getFilterCount(), step.getExitStatus().getExitCode(),
						step.getExitStatus().getExitDescription(), time(step.getStartTime()), time(step.getEndTime())));
			}
		}
		return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				ExportOperations.taskIdOf(execution), execution.getStatus().name(),
				execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription(),
				time(execution.getCreateTime()), time(execution.getStartTime()), time(execution.getEndTime()),
				isLatest(execution), parameters, steps);
	}

	/** Whether no later execution of the same job instance (the same export) exists. */
	private boolean isLatest(JobExecution execution) {
		Long later = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? "
				+ "AND JOB_EXECUTION_ID > ?", Long.class, execution.getJobInstance().getInstanceId(), execution.getId());
		return later == null || later == 0;
	}

	private static String time(LocalDateTime time) {
		return (time == null) ? null : Timestamps.format(time.atZone(ZoneId.systemDefault()).toInstant());
	}

}
