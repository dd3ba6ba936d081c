package org.earthchem.export.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node a fault strikes: the serving one that runs the most exports now, as the operators' queue view lists
 * them, and never one that another fault holds (paused, or starting again after a kill).
 */
final class FaultTargets {

	private final List<ServiceNode> nodes;

	private final ChaosApi api;

	private final Set<ServiceNode> struck = ConcurrentHashMap.newKeySet();

	FaultTargets(List<ServiceNode> nodes, ChaosApi api) {
		this.nodes = nodes;
		this.api = api;
	}

	/**
	 * The busiest node, held until {@link #release}; waits up to 30 s for one that runs any export, and settles for an
	 * idle one (a fault that hits no export) after that.
	 */
	Target busiest() throws InterruptedException {
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

	/** The fault on the node is over: another may strike it. */
	void release(ServiceNode node) {
		this.struck.remove(node);
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
