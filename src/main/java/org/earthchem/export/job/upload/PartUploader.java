package org.earthchem.export.job.upload;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.MDC;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.storage.FileUpload;

/**
 * Uploads the parts of export files off the writing thread (the pool {@code partUploader}), each timed as
 * {@code export_part_upload_seconds} and a span of the export's trace, with the log context of the export that asked.
 */
public final class PartUploader {

	private final Executor executor;

	private final ExportMetrics metrics;

	public PartUploader(Executor executor, ExportMetrics metrics) {
		this.executor = executor;
		this.metrics = metrics;
	}

	/** Runs {@code work} on the upload pool, with the caller's log context. */
	<T> CompletableFuture<T> submit(Supplier<T> work) {
		Map<String, String> mdc = MDC.getCopyOfContextMap();
		return CompletableFuture.supplyAsync(() -> {
			if (mdc != null) {
				MDC.setContextMap(mdc);
			}
			try {
				return work.get();
			}
			finally {
				MDC.clear();
			}
		}, this.executor);
	}

	/** Uploads one part, timed. */
	void upload(FileUpload upload, byte[] bytes, int length) {
		this.metrics.partUpload(() -> upload.uploadPart(bytes, length));
	}

}
