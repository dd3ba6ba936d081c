package org.earthchem.export.job;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.format.CsvRowWriter;
import org.earthchem.export.job.format.JsonRowWriter;
import org.earthchem.export.job.format.RowFormat;
import org.earthchem.export.job.read.PointInTimeReader;
import org.earthchem.export.job.read.ResultPage;
import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.RowFlattener;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.IndexMapping;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.source.SourceDefinition;

/**
 * Runs the row pipeline of an export — result pages read and parsed, documents flattened, rows formatted as CSV and as
 * JSON — over real documents of the sources, into nothing, when the service starts: the JIT compiles the hot code
 * then, not during the first user's export (which took three times as long as the fifth). Reads up to
 * {@code export.warm-up-rows} documents, source after source, each on a point-in-time of its own; writes nothing
 * anywhere and touches no task. A failure (the search cluster not reachable yet) ends it early: it only costs speed.
 */
class RowPipelineWarmUp {

	private static final Logger log = LoggerFactory.getLogger(RowPipelineWarmUp.class);

	private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

	private static final String ALL_DOCUMENTS = "{\"match_all\":{}}";

	private final SourceCatalog sources;

	private final SearchCluster cluster;

	private final JsonFactory factory;

	private final ExportJobProperties properties;

	RowPipelineWarmUp(SourceCatalog sources, SearchCluster cluster, JsonFactory factory,
			ExportJobProperties properties) {
		this.sources = sources;
		this.cluster = cluster;
		this.factory = factory;
		this.properties = properties;
	}

	/** Runs the pipeline over up to {@code export.warm-up-rows} documents; returns how many it formatted. */
	long run() {
		long started = System.nanoTime();
		long rows = 0;
		try {
			for (SourceDefinition source : this.sources.all()) {
				if (rows >= this.properties.warmUpRows()) {
					break;
				}
				rows += warm(source, this.properties.warmUpRows() - rows);
			}
			log.info("Row pipeline warmed up on {} documents in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("The row pipeline's warm-up stopped after {} documents: {}", rows, ex.getMessage());
		}
		return rows;
	}

	private long warm(SourceDefinition source, long limit) {
		IndexMapping mapping = this.cluster.mapping(source.index());
		ColumnSet columns = ColumnSet.of(source, mapping, List.of());
		RowFlattener flattener = new RowFlattener(this.factory, columns);
		List<RowFormat> formats = List.of(new CsvRowWriter(columns, this.properties.formulaGuard()),
				new JsonRowWriter(this.factory, columns));
		formats.forEach((format) -> format.begin(OutputStream.nullOutputStream()));
		String pitId = this.cluster.openPointInTime(source.index(), KEEP_ALIVE);
		long rows = 0;
		try {
			String after = null;
			int pageSize = this.properties.pageSize();
			while (rows < limit) {
				String body = PointInTimeReader.requestBody(pageSize, ALL_DOCUMENTS, pitId, KEEP_ALIVE,
						source.sortField(), after);
				ResultPage page = this.cluster.searchPage(body, (in) -> ResultPage.parse(this.factory, in, flattener));
				for (Row row : page.rows()) {
					formats.forEach((format) -> format.write(row));
				}
				rows += page.rows().size();
				if (page.rows().size() < pageSize) {
					break;
				}
				after = page.rows().get(page.rows().size() - 1).sortValues();
			}
			formats.forEach(RowFormat::end);
		}
		finally {
			this.cluster.closePointInTime(pitId);
		}
		return rows;
	}

}
