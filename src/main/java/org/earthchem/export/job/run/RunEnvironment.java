package org.earthchem.export.job.run;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.storage.ExportBucket;

/**
 * What the end of a run needs around it on this node: where it runs, the search cluster (its point-in-time), the
 * bucket and links (its files), heartbeats and retries, the worker waiting for its end, and the meters.
 */
public record RunEnvironment(NodeId node, NodeStopping stopping, SearchCluster cluster, ExportBucket bucket,
		DownloadLinks links, Heartbeats heartbeats, RetryPlan retries, ExecutionEnds ends, ExportMetrics metrics) {
}
