package org.earthchem.export.job;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Timer;
import org.slf4j.MDC;

import org.earthchem.export.storage.FileUpload;

/**
 * Uploads the parts of export files off the writing thread (the pool {@code partUploader}), each timed as
 * {@code export_part_upload_seconds}, with the log context of the export that asked.
 */
final class PartUploader {

	private final Executor executor;

	private final Timer uploads;

	PartUploader(Executor executor, Timer uploads) {
		this.executor = executor;
		this.uploads = uploads;
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
		this.uploads.record(() -> upload.uploadPart(bytes, length));
	}

}
