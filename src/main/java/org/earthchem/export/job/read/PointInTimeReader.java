package org.earthchem.export.job.read;

import java.io.StringWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import org.earthchem.export.job.row.Row;
import org.earthchem.export.job.row.RowFlattener;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.source.PointInTimeGoneException;
import org.earthchem.export.source.SearchCluster;
import org.earthchem.export.source.SearchOutageException;
import org.earthchem.export.source.SearchUnavailableException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.core.retry.RetryTemplate;

/**
 * Reads every document of a query through a point-in-time with {@code search_after} on the source's unique sort
 * field, a page at a time, fetching and flattening the next page while the current one is being written. It begins after the
 * {@link ResumePoint}: the last row the bucket holds, so rows formatted but not yet uploaded are read again.
 * <p>
 * While the search cluster is unreachable (refused, timeout, 429, 5xx) the page read is retried with a growing back-off
 * ({@code pageRetries}, up to {@code export.outage-limit}): the export waits and goes on from the same sort values, in
 * the same run and attempt. A point-in-time the cluster lost (it restarted, or the wait outlived the keep-alive) is
 * replaced by a new one on the same index, and the read goes on after the same sort values: the rows not read yet come
 * from the new snapshot. Past the limit the read fails with a {@link SearchOutageException}.
 */
public class PointInTimeReader implements ItemStreamReader<Row> {

	private static final Logger log = LoggerFactory.getLogger(PointInTimeReader.class);

	/** Writes the search requests (its defaults: no pretty printing, no root separator needed). */
	private static final JsonFactory REQUESTS = new JsonFactory();

	private final SearchCluster cluster;

	private final JsonFactory factory;

	private final String queryJson;

	private final String sortField;

	private final int pageSize;

	private final Duration keepAlive;

	private final Executor prefetcher;

	private final ExportMetrics metrics;

	private final RetryTemplate pageRetries;

	/** The point-in-time pages are read through; replaced (from the prefetch thread) when the cluster lost it. */
	private volatile String pitId;

	/** A point-in-time this reader opened itself (the plan's was lost), closed when the reader closes. */
	private volatile String reopened;

	private final String index;

	private final Duration outageLimit;

	private final String startAfter;

	private final RowFlattener flattener;

	private Iterator<Row> page;

	private boolean lastPage;

	private boolean exhausted;

	private CompletableFuture<ResultPage> next;

	/**
	 * @param startAfter the sort values after which to read, or null to read from the first document
	 */
	public PointInTimeReader(SearchCluster cluster, JsonFactory factory, RowFlattener flattener, String index,
			String pitId, String queryJson, String sortField, String startAfter, int pageSize, Duration keepAlive,
			Executor prefetcher, RetryTemplate pageRetries, Duration outageLimit, ExportMetrics metrics) {
		this.index = index;
		this.outageLimit = outageLimit;
		this.metrics = metrics;
		this.flattener = flattener;
		this.startAfter = startAfter;
		this.pageRetries = pageRetries;
		this.cluster = cluster;
		this.factory = factory;
		this.pitId = pitId;
		this.queryJson = queryJson;
		this.sortField = sortField;
		this.pageSize = pageSize;
		this.keepAlive = keepAlive;
		this.prefetcher = prefetcher;
	}

	@Override
	public void open(ExecutionContext context) {
		this.page = null;
		this.lastPage = false;
		this.exhausted = false;
		this.next = fetch(this.startAfter);
	}

	@Override
	public Row read() {
		while (this.page == null || !this.page.hasNext()) {
			if (this.lastPage) {
				this.exhausted = true;
				return null;
			}
			ResultPage result = await(this.next);
			if (result.pitId() != null) {
				// the cluster may hand out a new id for the same point-in-time
				this.pitId = result.pitId();
			}
			this.lastPage = result.rows().size() < this.pageSize;
			this.page = result.rows().iterator();
			if (!this.lastPage) {
				this.next = fetch(result.rows().get(result.rows().size() - 1).sortValues());
			}
		}
		return this.page.next();
	}

	/** Whether every document was read (the writer then stores the last file). */
	public boolean exhausted() {
		return this.exhausted;
	}

	@Override
	public void close() {
		if (this.next != null) {
			this.next.cancel(true);
			this.next = null;
		}
		String own = this.reopened;
		if (own != null) {
			this.reopened = null;
			try {
				this.cluster.closePointInTime(own);
			}
			catch (RuntimeException ex) {
				// it expires on its own after the keep-alive
				log.warn("Could not close point-in-time (it expires on its own): {}", ex.getMessage());
			}
		}
	}

	private CompletableFuture<ResultPage> fetch(String after) {
		Map<String, String> mdc = MDC.getCopyOfContextMap();
		return CompletableFuture.supplyAsync(() -> {
			if (mdc != null) {
				MDC.setContextMap(mdc);
			}
			try {
				// an unreachable cluster (refused connection, 429, 5xx) costs retries until it answers, not the export
				return this.pageRetries.invoke(() -> readPage(after));
			}
			catch (SearchUnavailableException ex) {
				// the retries run until the outage limit: past it, the export stops waiting
				throw new SearchOutageException(this.outageLimit, ex);
			}
			finally {
				MDC.clear();
			}
		}, this.prefetcher);
	}

	/** One page after {@code after}, flattened here, on the prefetch thread, while the previous page is formatted. */
	private ResultPage readPage(String after) {
		try {
			return this.metrics.pageRead(() -> this.cluster.searchPage(requestBody(after),
					(in) -> ResultPage.parse(this.factory, in, this.flattener)));
		}
		catch (PointInTimeGoneException ex) {
			// the cluster restarted (or the wait outlived the keep-alive): a new point-in-time on the same index, and
			// the same sort values; an unreachable cluster makes this throw and the read is retried as a whole
			String fresh = this.cluster.openPointInTime(this.index, this.keepAlive);
			log.warn("The point-in-time of this export is gone ({}); reading on after the same sort values through a "
					+ "new one", ex.getMessage());
			String lost = this.reopened;
			this.reopened = fresh;
			this.pitId = fresh;
			if (lost != null) {
				closeQuietly(lost);
			}
			return this.metrics.pageRead(() -> this.cluster.searchPage(requestBody(after),
					(in) -> ResultPage.parse(this.factory, in, this.flattener)));
		}
	}

	private void closeQuietly(String pit) {
		try {
			this.cluster.closePointInTime(pit);
		}
		catch (RuntimeException ex) {
			// lost with the cluster's restart, or it expires on its own
		}
	}

	private String requestBody(String after) {
		return requestBody(this.pageSize, this.queryJson, this.pitId, this.keepAlive, this.sortField, after);
	}

	/** A page's search request: the next {@code pageSize} documents of the point-in-time after the sort values. */
	public static String requestBody(int pageSize, String queryJson, String pitId, Duration keepAlive, String sortField,
			String after) {
		StringWriter body = new StringWriter(256 + queryJson.length());
		try (JsonGenerator json = REQUESTS.createGenerator(ObjectWriteContext.empty(), body)) {
			json.writeStartObject();
			json.writeNumberProperty("size", pageSize);
			// the query and the sort values are JSON already: the source's query, and the last hit's sort as it came
			json.writeName("query");
			json.writeRawValue(queryJson);
			json.writeObjectPropertyStart("pit");
			json.writeStringProperty("id", pitId);
			json.writeStringProperty("keep_alive", keepAlive.toSeconds() + "s");
			json.writeEndObject();
			json.writeArrayPropertyStart("sort");
			json.writeStartObject();
			json.writeStringProperty(sortField, "asc");
			json.writeEndObject();
			json.writeEndArray();
			json.writeBooleanProperty("track_total_hits", false);
			if (after != null) {
				json.writeName("search_after");
				json.writeRawValue(after);
			}
			json.writeEndObject();
		}
		return body.toString();
	}

	private static ResultPage await(CompletableFuture<ResultPage> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ItemStreamException("interrupted while waiting for a page of results", ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new ItemStreamException("reading a page of results failed", cause);
		}
	}

}
