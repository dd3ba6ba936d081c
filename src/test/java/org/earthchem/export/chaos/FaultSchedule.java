package org.earthchem.export.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The faults of a chaos run, each at its moment after the exports were asked for, each on the node that runs the
 * most exports at that moment ({@code GET /api/v1/admin/queue}): a pause past the lease and the queue's visibility
 * timeout (the case fencing is for), a kill, a freeze of the AWS side longer than the SDK's timeouts, a SIGTERM, and a
 * stall of the search cluster. Each is logged with its time and the exports running where it struck.
 */
final class FaultSchedule {

	private static final Duration NODE_PAUSE = Duration.ofSeconds(55);

	// on busy cores the other nodes may have no free worker yet after 55 s: the pause goes on (so long at most) until
	// one of the frozen node's exports runs elsewhere, else its waking would test nothing
	private static final Duration NODE_PAUSE_MAX = Duration.ofSeconds(150);

	private static final Duration AWS_FREEZE = Duration.ofSeconds(15);

	private static final Duration SEARCH_STALL = Duration.ofSeconds(10);

	// a node starts in about 30 s on two idle cores, in three minutes on two busy ones
	private static final Duration RESTART_PATIENCE = Duration.ofMinutes(6);

	private final List<ServiceNode> nodes;

	private final StackProcess aws;

	private final StackProcess search;

	private final ChaosApi api;

	private final Consumer<String> say;

	private final Set<ServiceNode> struck = ConcurrentHashMap.newKeySet();

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final List<String> problems = new CopyOnWriteArrayList<>();

	FaultSchedule(List<ServiceNode> nodes, StackProcess aws, StackProcess search, ChaosApi api, Consumer<String> say) {
		this.nodes = nodes;
		this.aws = aws;
		this.search = search;
		this.api = api;
		this.say = say;
	}

	/**
	 * Runs the schedule from {@code start} and returns when the last fault is over (every node serving again). The
	 * pause comes first, while every other node serves: one of them takes the frozen node's exports over, and when it
	 * wakes only fencing keeps its stale runs from writing. The kill follows once it is awake.
	 */
	void run(Instant start) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		threads.add(at(start, 10, "pause a node", this::pauseNode));
		threads.add(at(start, 70, "kill a node", this::killNode));
		threads.add(at(start, 95, "freeze the AWS side", () -> freeze(this.aws, "SIGSTOP of the AWS side", AWS_FREEZE)));
		threads.add(at(start, 120, "stop a node", this::terminateNode));
		threads.add(at(start, 150, "stall the search cluster",
				() -> freeze(this.search, "SIGSTOP of OpenSearch", SEARCH_STALL)));
		for (Thread thread : threads) {
			thread.join();
		}
	}

	List<Fault> faults() {
		List<Fault> sorted = new ArrayList<>(this.faults);
		sorted.sort(Comparator.comparing(Fault::at));
		return sorted;
	}

	/** Faults that could not be injected as planned. */
	List<String> problems() {
		return List.copyOf(this.problems);
	}

	private void pauseNode() throws Exception {
		Target target = busiestNode();
		Instant frozen = Instant.now();
		this.say.accept("fault: SIGSTOP " + target.node().name() + "; running there: " + target.exports());
		target.node().freeze();
		Thread.sleep(NODE_PAUSE.toMillis());
		while (!takenOver(target) && Instant.now().isBefore(frozen.plus(NODE_PAUSE_MAX))) {
			Thread.sleep(1000);
		}
		target.node().thaw();
		Duration held = Duration.between(frozen, Instant.now());
		record(new Fault("SIGSTOP " + held.toSeconds() + " s", target.node().name(), frozen, held, target.exports()));
		this.struck.remove(target.node());
	}

	private void killNode() throws Exception {
		Target target = busiestNode();
		record(new Fault("kill -9, restart", target.node().name(), Instant.now(), Duration.ZERO, target.exports()));
		target.node().kill();
		restart(target.node());
	}

	private void terminateNode() throws Exception {
		Target target = busiestNode();
		record(new Fault("SIGTERM, restart", target.node().name(), Instant.now(), Duration.ZERO, target.exports()));
		target.node().terminate(Duration.ofSeconds(90));
		this.say.accept(target.node().name() + " exited after SIGTERM");
		restart(target.node());
	}

	private void freeze(StackProcess side, String kind, Duration hold) throws Exception {
		List<String> running = this.api.runningByNode().values().stream().flatMap(List::stream).sorted().toList();
		record(new Fault(kind + " " + hold.toSeconds() + " s", side.role(), Instant.now(), hold, running));
		side.freeze();
		Thread.sleep(hold.toMillis());
		side.thaw();
		this.say.accept("SIGCONT " + side.role());
	}

	private void restart(ServiceNode node) throws Exception {
		node.start();
		node.awaitHealthy(RESTART_PATIENCE);
		this.say.accept(node.name() + " restarted and healthy");
		this.struck.remove(node);
	}

	/** Whether an export that ran on the target now runs on another node. */
	private boolean takenOver(Target target) {
		return this.api.runningByNode().entrySet().stream().anyMatch((on) -> !on.getKey().equals(target.node().name())
				&& on.getValue().stream().anyMatch(target.exports()::contains));
	}

	/**
	 * The serving node, not under another fault, that runs the most exports; waits up to 30 s for one that runs any,
	 * and settles for an idle one (recorded with no export hit) after that.
	 */
	private Target busiestNode() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			Map<String, List<String>> running = this.api.runningByNode();
			ServiceNode best = null;
			for (ServiceNode node : this.nodes) {
				int count = running.getOrDefault(node.name(), List.of()).size();
				if (node.isServing() && !this.struck.contains(node)
						&& (best == null || count > running.getOrDefault(best.name(), List.of()).size())) {
					best = node;
				}
			}
			if (best != null && (running.containsKey(best.name()) || System.nanoTime() > deadline)) {
				this.struck.add(best);
				return new Target(best, running.getOrDefault(best.name(), List.of()));
			}
			Thread.sleep(1000);
		}
	}

	private void record(Fault fault) {
		this.faults.add(fault);
		this.say.accept("fault: " + fault.kind() + " on " + fault.target() + "; running there: "
				+ (fault.hit().isEmpty() ? "no export" : String.join(", ", fault.hit())));
	}

	private Thread at(Instant start, int seconds, String what, Step step) {
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(Math.max(0, Duration.between(Instant.now(), start.plusSeconds(seconds)).toMillis()));
				step.run();
			}
			catch (Exception ex) {
				this.problems.add(what + ": " + ex.getMessage());
				this.say.accept("could not " + what + ": " + ex);
			}
		}, "fault-" + seconds + "s");
		thread.start();
		return thread;
	}

	/** One fault as injected: when, where, for how long, and the exports running where it struck. */
	record Fault(String kind, String target, Instant at, Duration held, List<String> hit) {
	}

	private record Target(ServiceNode node, List<String> exports) {
	}

	private interface Step {

		void run() throws Exception;

	}

}
