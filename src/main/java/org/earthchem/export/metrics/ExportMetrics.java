package org.earthchem.export.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The service's own meters, as Prometheus shows them: {@code export_tasks_accepted_total} (tasks created: the
 * Prometheus client reserves the suffix {@code _created}, so {@code export_tasks_created_total} cannot exist),
 * {@code export_tasks_finished_total}, {@code export_retries_total}, {@code export_duration_seconds},
 * {@code export_queue_wait_seconds}, {@code export_rows_total}, {@code export_bytes_total},
 * {@code export_page_read_seconds}, {@code export_part_upload_seconds}, {@code export_notifications_total} and
 * {@code export_downloads_total} (the gauges are in {@link ExportGauges}). Tags stay few-valued: source, file type,
 * status, error code, outcome, kind; never a task id or an owner.
 */
@Component
public class ExportMetrics {

	/** How an export ended, as the {@code status} tag says it. */
	public enum Outcome {

		SUCCEEDED, FAILED, CANCELLED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final MeterRegistry registry;

	private final Timer pageReads;

	private final Timer partUploads;

	private final ObjectProvider<Tracer> tracer;

	public ExportMetrics(MeterRegistry registry, ObjectProvider<Tracer> tracer) {
		this.registry = registry;
		this.tracer = tracer;
		this.pageReads = Timer.builder("export.page.read")
			.description("Time to read and parse one page of search results")
			.publishPercentileHistogram()
			.register(registry);
		this.partUploads = Timer.builder("export.part.upload")
			.description("Time to upload one part of an export file to S3")
			.publishPercentileHistogram()
			.register(registry);
	}

	/** A task was created (and queued). */
	public void created(ExportTask task) {
		Counter.builder("export.tasks.accepted")
			.description("Export tasks created (POST answered 202 Accepted)")
			.tags("source", task.source(), "file_type", task.fileType(), "compression", task.compression())
			.register(this.registry)
			.increment();
	}

	/** A task's job started for the first time: how long it waited in the queue. */
	public void started(ExportTask task, Instant at) {
		if (task.attempts() == 0 && task.createdAt() != null) {
			Timer.builder("export.queue.wait")
				.description("Time from an export's creation to its first start")
				.publishPercentileHistogram()
				.register(this.registry)
				.record(Duration.between(task.createdAt(), at));
		}
	}

	/**
	 * A task reached its final status: counted by outcome, its duration from start to end recorded (when it started),
	 * and the rows and bytes of its files when it succeeded.
	 */
	public void finished(ExportTask task, Outcome outcome) {
		Counter.builder("export.tasks.finished")
			.description("Export tasks that reached a final status")
			.tags("source", task.source(), "file_type", task.fileType(), "compression", task.compression(), "status", outcome.tag())
			.register(this.registry)
			.increment();
		if (task.startedAt() != null && task.finishedAt() != null) {
			Timer.builder("export.duration")
				.description("Time from an export's start to its end")
				.tags("source", task.source(), "file_type", task.fileType(), "compression", task.compression(), "status", outcome.tag())
				.publishPercentileHistogram()
				.register(this.registry)
				.record(Duration.between(task.startedAt(), task.finishedAt()));
		}
		if (outcome == Outcome.SUCCEEDED) {
			long rows = 0;
			long bytes = 0;
			for (ExportFile file : task.files()) {
				rows += file.rows();
				bytes += file.bytes();
			}
			Counter.builder("export.rows").description("Rows in the files of succeeded exports")
				.tags("source", task.source(), "file_type", task.fileType(), "compression", task.compression()).register(this.registry).increment(rows);
			Counter.builder("export.bytes").description("Bytes in the files of succeeded exports")
				.tags("source", task.source(), "file_type", task.fileType(), "compression", task.compression()).register(this.registry).increment(bytes);
		}
	}

	/** A failed export goes back to the queue for another attempt. */
	/** A run found that it had lost its task to another run, and stopped without another write. */
	public void fenced() {
		Counter.builder("export.runs.fenced")
			.description("Runs of exports that lost their task to another run (a pause past the lease) and stopped")
			.register(this.registry)
			.increment();
	}

	public void retried(ExportTask task, String code) {
		Counter.builder("export.retries")
			.description("Automatic retries of exports, by the failure's code")
			.tags("source", task.source(), "code", code)
			.register(this.registry)
			.increment();
	}

	/** Reads and parses one page of search results: timed, and a span of the export's trace. */
	public <T> T pageRead(Supplier<T> read) {
		return traced("export page read", () -> this.pageReads.record(read));
	}

	/** Uploads one part of a file: timed, and a span of the export's trace. */
	public void partUpload(Runnable upload) {
		traced("export part upload", () -> {
			this.partUploads.record(upload);
			return null;
		});
	}

	private <T> T traced(String name, Supplier<T> work) {
		Tracer tracing = this.tracer.getIfAvailable();
		if (tracing == null) {
			return work.get();
		}
		Span span = tracing.nextSpan().name(name).start();
		try (Tracer.SpanInScope scope = tracing.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/** A notification mail was sent ({@code sent}) or given up ({@code failed}). */
	public void notification(String outcome) {
		Counter.builder("export.notifications")
			.description("Notification mails, by outcome")
			.tags("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	/** A download was served: streamed by the service ({@code stream}) or redirected to S3 ({@code redirect}). */
	public void download(String kind) {
		Counter.builder("export.downloads")
			.description("Downloads of export files, by how they were served")
			.tags("kind", kind)
			.register(this.registry)
			.increment();
	}

}
