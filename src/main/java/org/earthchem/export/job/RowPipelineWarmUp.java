package org.earthchem.export.job;

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
import org.earthchem.export.job.upload.PartBuffers;
import org.earthchem.export.job.upload.RehearsalFile;
import org.earthchem.export.source.ColumnSet;
import org.earthchem.export.source.IndexMapping;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.source.SourceDefinition;

/**
 * Runs the row pipeline of an export — result pages read and parsed, documents flattened, rows formatted as CSV and as
 * JSON into the part buffers an export writes into, full parts hashed ({@link RehearsalFile}) and dropped — over real
 * documents of the sources when the service starts: the JIT compiles the hot code then, not during the first user's
 * export (which took three times as long as the fifth). Reads up to {@code export.warm-up-rows} documents, source
 * after source, each on a point-in-time of its own; uploads nothing and touches no task. A failure (the search
 * cluster not reachable yet) ends it early: it only costs speed.
 */
class RowPipelineWarmUp {

	private static final Logger log = LoggerFactory.getLogger(RowPipelineWarmUp.class);

	private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

	private static final String ALL_DOCUMENTS = "{\"match_all\":{}}";

	private final SourceCatalog sources;

	private final SearchCluster cluster;

	private final JsonFactory factory;

	private final ExportJobProperties properties;

	private final int partSize;

	/** @param partSize the export part size ({@code export.s3.part-size}) */
	RowPipelineWarmUp(SourceCatalog sources, SearchCluster cluster, JsonFactory factory,
			ExportJobProperties properties, int partSize) {
		this.sources = sources;
		this.cluster = cluster;
		this.factory = factory;
		this.properties = properties;
		this.partSize = partSize;
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
		List<Rehearsal> files = List.of(
				new Rehearsal(new CsvRowWriter(columns, this.properties.formulaGuard()), this.partSize),
				new Rehearsal(new JsonRowWriter(this.factory, columns), this.partSize));
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
					files.forEach((file) -> file.write(row));
				}
				rows += page.rows().size();
				if (page.rows().size() < pageSize) {
					break;
				}
				after = page.rows().get(page.rows().size() - 1).sortValues();
			}
			files.forEach(Rehearsal::finish);
		}
		finally {
			files.forEach((file) -> file.file().close());
			this.cluster.closePointInTime(pitId);
		}
		return rows;
	}

	/** A format writing into a rehearsal file, row by row as an export's file writer does. */
	private record Rehearsal(RowFormat format, RehearsalFile file) {

		Rehearsal(RowFormat format, int partSize) {
			this(format, new RehearsalFile(partSize, PartBuffers.NO_GZIP));
			format.begin(this.file.out());
		}

		void write(Row row) {
			this.format.write(row);
			this.format.flush();
			this.file.rowWritten();
		}

		void finish() {
			this.format.end();
			this.file.finish();
		}

	}

}
