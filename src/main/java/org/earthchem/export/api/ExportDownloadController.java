package org.earthchem.export.api;

import java.io.InputStream;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.security.Caller;
import org.earthchem.export.storage.DownloadLinks;
import org.earthchem.export.storage.ExportBucket;
import org.earthchem.export.storage.IssuedLink;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.Timestamps;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The files of a Succeeded export ({@link ExportDownloadApi}): small ones streamed from the bucket, larger ones a
 * redirect to a pre-signed link; each download recorded.
 */
@RestController
class ExportDownloadController implements ExportDownloadApi {

	private final CallerTasks tasks;

	private final ExportBucket bucket;

	private final DownloadLinks links;

	private final RepeatedDownloads downloads;

	private final ExportMetrics metrics;

	ExportDownloadController(CallerTasks tasks, ExportBucket bucket, DownloadLinks links, RepeatedDownloads downloads,
			ExportMetrics metrics) {
		this.tasks = tasks;
		this.bucket = bucket;
		this.links = links;
		this.downloads = downloads;
		this.metrics = metrics;
	}

	@Override
	public ResponseEntity<StreamingResponseBody> download(String taskId, int part, HttpServletRequest request) {
		Caller caller = this.tasks.caller(request);
		ExportTask task = this.tasks.visible(taskId, caller);
		if (task.status() != TaskStatus.SUCCEEDED) {
			throw new ApiException(HttpStatus.CONFLICT, ProblemCode.TASK_NOT_FINISHED,
					"Export " + taskId + " is " + task.status().label()
							+ "; its file can be downloaded once it has Succeeded.");
		}
		if (part < 1 || part > task.files().size()) {
			throw new ApiException(HttpStatus.NOT_FOUND, ProblemCode.FILE_NOT_FOUND,
					"Export " + taskId + " has " + task.files().size() + " file(s); there is no part " + part + ".");
		}
		ExportFile file = task.files().get(part - 1);
		if (file.deletedAt() != null) {
			throw new ApiException(HttpStatus.GONE, ProblemCode.FILE_EXPIRED,
					"The files of export " + taskId + " were removed on " + Timestamps.format(file.deletedAt())
							+ " (retention); please request the export again.");
		}
		if (!this.links.streams(task)) {
			IssuedLink link = this.downloads.redirected(taskId, file, caller.owner(),
					() -> this.links.issueFor(taskId, file, caller.owner()));
			this.metrics.download("redirect");
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.url())).build();
		}
		this.downloads.streamed(taskId, file, caller.owner());
		this.metrics.download("stream");
		StreamingResponseBody body = (out) -> {
			try (InputStream in = this.bucket.open(file.location())) {
				in.transferTo(out);
			}
		};
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(DownloadLinks.contentType(file.name())))
			.contentLength(file.bytes())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

}
