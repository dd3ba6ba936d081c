package org.earthchem.export.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node a fault strikes: the serving one that runs the most exports now, as the operators' queue view lists
 * them, and never one that another fault holds (paused, or starting again after a kill).
 */
final class FaultTargets {

	private final List<ServiceNode> nodes;

	private final ChaosApi api;

	// node -> until when no other fault may strike it
	private final Map<ServiceNode, Instant> struck = new ConcurrentHashMap<>();

	FaultTargets(List<ServiceNode> nodes, ChaosApi api) {
		this.nodes = nodes;
		this.api = api;
	}

	/**
	 * The busiest node, held until {@link #release}; waits up to 30 s for one that runs any export, and settles for an
	 * idle one (a fault that hits no export) after that; fails when none is free for minutes.
	 */
	Target busiest() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			Map<String, List<String>> running = this.api.runningByNode();
			ServiceNode best = null;
			for (ServiceNode node : this.nodes) {
				int count = running.getOrDefault(node.name(), List.of()).size();
				if (node.isServing() && Instant.now().isAfter(this.struck.getOrDefault(node, Instant.MIN))
						&& (best == null || count > running.getOrDefault(best.name(), List.of()).size())) {
					best = node;
				}
			}
			if (best != null && (running.containsKey(best.name()) || System.nanoTime() > deadline)) {
				this.struck.put(best, Instant.MAX);
				return new Target(best, running.getOrDefault(best.name(), List.of()));
			}
			if (System.nanoTime() > deadline + Duration.ofMinutes(3).toNanos()) {
				// with few nodes, every one may be paused, resting or starting again
				throw new IllegalStateException("no node free to strike for 3.5 minutes");
			}
			Thread.sleep(1000);
		}
	}

	/** The fault on the node is over: another may strike it once it has rested that long. */
	void release(ServiceNode node, Duration rest) {
		this.struck.put(node, Instant.now().plus(rest));
	}

	/** Whether an export that ran on the target now runs on another node. */
	boolean takenOver(Target target) {
		return this.api.runningByNode().entrySet().stream().anyMatch((on) -> !on.getKey().equals(target.node().name())
				&& on.getValue().stream().anyMatch(target.exports()::contains));
	}

	/** A node struck, and the exports it ran at that moment. */
	record Target(ServiceNode node, List<String> exports) {
	}

}
