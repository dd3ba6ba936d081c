package org.earthchem.export.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.earthchem.export.chaos.FaultTargets.Target;
import org.earthchem.export.devstack.LocalPostgres;

/**
 * The faults of a chaos run, one after another once the exports were asked for, each on the node that runs the most
 * exports at that moment ({@link FaultTargets}): a pause past the lease and the queue's visibility
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

	private static final Duration HARD_NODE_PAUSE = Duration.ofSeconds(70);

	private static final Duration HARD_SEARCH_STALL = Duration.ofSeconds(15);

	private static final Duration POSTGRES_FREEZE = Duration.ofSeconds(20);

	// a node starts in about 30 s on two idle cores, in three minutes on two busy ones
	private static final Duration RESTART_PATIENCE = Duration.ofMinutes(6);

	private final FaultTargets targets;

	private final StackProcess aws;

	private final StackProcess search;

	private final LocalPostgres jobRepository;

	private final ChaosApi api;

	private final Consumer<String> say;

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final List<String> problems = new CopyOnWriteArrayList<>();

	FaultSchedule(List<ServiceNode> nodes, StackProcess aws, StackProcess search, LocalPostgres jobRepository,
			ChaosApi api, Consumer<String> say) {
		this.targets = new FaultTargets(nodes, api);
		this.aws = aws;
		this.search = search;
		this.jobRepository = jobRepository;
		this.api = api;
		this.say = say;
	}

	/**
	 * Runs the faults one after another, a few seconds apart, and returns when the last is over and every node serves
	 * again. The pause comes first, while every other node serves, and lasts until one of them has taken an export of
	 * the frozen node over: when it wakes, only fencing keeps its stale runs from writing. A killed or stopped node
	 * starts again while the next faults run.
	 */
	void run() throws InterruptedException {
		List<Thread> restarts = new ArrayList<>();
		step(10, "pause a node", this::pauseNode);
		step(5, "kill a node", () -> restarts.add(inBackground("restart", killNode())));
		step(20, "freeze the AWS side", () -> freeze(this.aws, "SIGSTOP of the AWS side", AWS_FREEZE));
		step(15, "stop a node", () -> restarts.add(inBackground("restart", terminateNode())));
		step(20, "stall the search cluster", () -> freeze(this.search, "SIGSTOP of OpenSearch", SEARCH_STALL));
		for (Thread restart : restarts) {
			restart.join();
		}
	}

	/**
	 * {@code SCENARIO=hard}: the faults of {@link #run}, a longer pause, and the backends broken too — two nodes killed
	 * at once, the job repository's PostgreSQL frozen, the search cluster killed and started again on the same data
	 * (every point-in-time is gone: the exports reading it go on from their sort values through new ones) and later
	 * frozen.
	 */
	void runHard() throws InterruptedException {
		List<Thread> restarts = new ArrayList<>();
		// the backends first, while the most exports run (36 exports of 40,000 rows end within minutes)
		step(10, "kill the search cluster and start it again", this::restartSearch);
		step(15, "freeze the job repository", this::freezeJobRepository);
		step(10, "kill two nodes at once", () -> killTwoNodes().forEach((restart) -> restarts.add(inBackground("restart",
				restart))));
		step(5, "pause a node", () -> pauseNode(HARD_NODE_PAUSE));
		step(20, "freeze the AWS side", () -> freeze(this.aws, "SIGSTOP of the AWS side", AWS_FREEZE));
		step(15, "stop a node", () -> restarts.add(inBackground("restart", terminateNode())));
		step(20, "stall the search cluster", () -> freeze(this.search, "SIGSTOP of OpenSearch", HARD_SEARCH_STALL));
		for (Thread restart : restarts) {
			restart.join();
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
		pauseNode(NODE_PAUSE);
	}

	private void pauseNode(Duration pause) throws Exception {
		Target target = this.targets.busiest();
		Instant frozen = Instant.now();
		this.say.accept("fault: SIGSTOP " + target.node().name() + "; running there: " + target.exports());
		target.node().freeze();
		try {
			// at least the pause, then until another node has taken one of its exports over
			Awaitility.await().pollDelay(pause).atMost(NODE_PAUSE_MAX).pollInterval(Duration.ofSeconds(1))
				.until(() -> this.targets.takenOver(target));
		}
		catch (ConditionTimeoutException ex) {
			// none was taken over within the longest pause: the fault is held that long, and the table says so
		}
		target.node().thaw();
		Duration held = Duration.between(frozen, Instant.now());
		this.faults.add(new Fault("SIGSTOP " + held.toSeconds() + " s", target.node().name(), frozen, held,
				target.exports()));
		this.say.accept("SIGCONT " + target.node().name() + " after " + held.toSeconds() + " s");
		// what its stale runs do once awake is the point of the pause: the next fault strikes another node
		this.targets.release(target.node(), Duration.ofSeconds(90));
	}

	/** Kills the busiest node; returns its restart. */
	private Step killNode() throws Exception {
		Target target = this.targets.busiest();
		record(new Fault("kill -9, restart", target.node().name(), Instant.now(), Duration.ZERO, target.exports()));
		target.node().kill();
		return () -> restart(target.node());
	}

	/** Stops the busiest node as an orchestrator would; returns its restart. */
	private Step terminateNode() throws Exception {
		Target target = this.targets.busiest();
		record(new Fault("SIGTERM, restart", target.node().name(), Instant.now(), Duration.ZERO, target.exports()));
		target.node().terminate(Duration.ofSeconds(90));
		this.say.accept(target.node().name() + " exited after SIGTERM");
		return () -> restart(target.node());
	}

	/** Kills the two busiest nodes in the same instant; returns their restarts. */
	private List<Step> killTwoNodes() throws Exception {
		Target first = this.targets.busiest();
		Target second = this.targets.busiest();
		List<String> hit = new ArrayList<>(first.exports());
		hit.addAll(second.exports());
		record(new Fault("kill -9 of two at once, restart", first.node().name() + "+" + second.node().name(),
				Instant.now(), Duration.ZERO, hit));
		first.node().kill();
		second.node().kill();
		return List.of(() -> restart(first.node()), () -> restart(second.node()));
	}

	/** SIGSTOP of every process of the job repository's PostgreSQL for a while: a stalled database host. */
	private void freezeJobRepository() throws Exception {
		List<String> running = this.api.runningByNode().values().stream().flatMap(List::stream).sorted().toList();
		List<ProcessHandle> processes = this.jobRepository.serverProcesses();
		record(new Fault("SIGSTOP of PostgreSQL " + POSTGRES_FREEZE.toSeconds() + " s", "job repository", Instant.now(),
				POSTGRES_FREEZE, running));
		processes.forEach((process) -> Signals.send("STOP", process.pid()));
		try {
			Thread.sleep(POSTGRES_FREEZE.toMillis());
		}
		finally {
			processes.forEach((process) -> Signals.send("CONT", process.pid()));
		}
		this.say.accept("SIGCONT job repository");
	}

	/**
	 * Kills the search cluster (SIGKILL) and starts it again on the same data and port: its point-in-time readers are
	 * gone, and its shards recover before it answers again.
	 */
	private void restartSearch() throws Exception {
		List<String> running = this.api.runningByNode().values().stream().flatMap(List::stream).sorted().toList();
		Instant killed = Instant.now();
		this.search.killAndRestart(Duration.ofMinutes(5));
		Duration down = Duration.between(killed, Instant.now());
		this.faults.add(new Fault("kill -9 of OpenSearch, restart (" + down.toSeconds() + " s down)", this.search.role(),
				killed, down, running));
		this.say.accept("OpenSearch killed and started again after " + down.toSeconds() + " s; running then: "
				+ (running.isEmpty() ? "no export" : String.join(", ", running)));
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
		this.targets.release(node, Duration.ZERO);
	}

	private void record(Fault fault) {
		this.faults.add(fault);
		this.say.accept("fault: " + fault.kind() + " on " + fault.target() + "; running there: "
				+ (fault.hit().isEmpty() ? "no export" : String.join(", ", fault.hit())));
	}

	/** Waits {@code seconds}, then runs the step; a failure is recorded, not thrown. */
	private void step(int seconds, String what, Step step) throws InterruptedException {
		Thread.sleep(seconds * 1000L);
		try {
			step.run();
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			this.problems.add(what + ": " + ex.getMessage());
			this.say.accept("could not " + what + ": " + ex);
		}
	}

	private Thread inBackground(String what, Step step) {
		Thread thread = new Thread(() -> {
			try {
				step(0, what, step);
			}
			catch (InterruptedException ex) {
				// the run is over
			}
		}, what);
		thread.start();
		return thread;
	}

	/** One fault as injected: when, where, for how long, and the exports running where it struck. */
	record Fault(String kind, String target, Instant at, Duration held, List<String> hit) {
	}

	private interface Step {

		void run() throws Exception;

	}

}
