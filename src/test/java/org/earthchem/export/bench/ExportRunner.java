package org.earthchem.export.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Runs exports through the service's API as a portal would and times each from the request until the task became
 * {@code Succeeded}: its {@code finishedAt}, read from the service on this same machine, so the time does not hang on
 * when a poll happened to look. Polls every 500 ms (a portal polls every 10 s; polling every 50 ms, as earlier
 * versions did, took a few percent of the two cores the export runs on); the CPU time of the service and of
 * OpenSearch meanwhile, and for the heap-capped run the heap, sampled.
 */
final class ExportRunner {

	private static final Duration POLL = Duration.ofMillis(500);

	private final ServiceApi api;

	private final CpuMeter cpu;

	private final boolean sampleHeap;

	private String lastTaskId;

	/**
	 * @param cpu what measures the CPU time of each run
	 * @param sampleHeap whether to sample the heap every 100 ms through the actuator (which costs the service CPU)
	 */
	ExportRunner(ServiceApi api, CpuMeter cpu, boolean sampleHeap) {
		this.api = api;
		this.cpu = cpu;
		this.sampleHeap = sampleHeap;
	}

	/** One export. */
	Measurement run(String source, String query) throws Exception {
		return runTogether(source, List.of(query));
	}

	/** Several exports requested at once; the time is until the last one succeeded. */
	Measurement runTogether(String source, List<String> queries) throws Exception {
		try (HeapSampler heap = this.sampleHeap ? new HeapSampler(this.api) : null) {
			CpuMeter.Reading cpuBefore = this.cpu.read();
			Instant requested = Instant.now();
			List<String> taskIds = new ArrayList<>();
			for (String query : queries) {
				taskIds.add(this.api.startExport(source, query));
			}
			this.lastTaskId = taskIds.get(taskIds.size() - 1);
			List<JsonNode> tasks = await().atMost(Duration.ofMinutes(15))
				.pollInterval(POLL)
				.until(() -> tasks(taskIds), (current) -> current.stream().noneMatch(ExportRunner::isActive));
			Instant finished = requested;
			long rows = 0;
			long bytes = 0;
			int files = 0;
			for (JsonNode task : tasks) {
				if (!"Succeeded".equals(task.path("status").asString())) {
					throw new IllegalStateException("export ended " + task);
				}
				Instant taskFinished = Instant.parse(task.path("finishedAt").asString());
				finished = taskFinished.isAfter(finished) ? taskFinished : finished;
				for (JsonNode file : task.path("files")) {
					rows += file.path("rows").asLong();
					bytes += file.path("bytes").asLong();
					files++;
				}
			}
			CpuMeter.Reading cpuUsed = this.cpu.read().since(cpuBefore);
			double seconds = Duration.between(requested, finished).toNanos() / 1e9;
			return new Measurement(seconds, rows, bytes, files, (heap != null) ? heap.peakUsed() : -1,
					(heap != null) ? heap.peakLiveAfterGc() : -1, cpuUsed);
		}
	}

	/** The task of the last export requested. */
	String lastTaskId() {
		return this.lastTaskId;
	}

	private List<JsonNode> tasks(List<String> taskIds) throws Exception {
		List<JsonNode> tasks = new ArrayList<>();
		for (String taskId : taskIds) {
			tasks.add(this.api.task(taskId));
		}
		return tasks;
	}

	private static boolean isActive(JsonNode task) {
		String status = task.path("status").asString();
		return "Pending".equals(status) || "Processing".equals(status);
	}

}
