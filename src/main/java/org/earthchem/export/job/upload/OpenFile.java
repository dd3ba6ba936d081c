package org.earthchem.export.job.upload;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.earthchem.export.storage.FileUpload;
import org.earthchem.export.task.ExportFile;

/**
 * The file an export is writing. Rows are formatted into a part buffer; each full buffer becomes the next part of
 * the file's upload, sent on the upload pool while the other buffer fills, one part in flight at a time. The SHA-256
 * of the file is taken part by part as they go, and its state after each uploaded part is part of the checkpoint.
 * Before each part and before the file is stored, the run shows that it still holds its task ({@code stillHeld}
 * throws when it lost it), so a run that was taken over sends as little as possible; what it still sends cannot be
 * stored, as the file is completed with the parts of the current run's own list.
 */
final class OpenFile {

	private final int number;

	private final String name;

	private final FileUpload upload;

	private final FileDigest digest;

	private final PartBuffers buffers;

	private final int partSize;

	private final PartUploader uploader;

	private final String startAfter;

	private final Runnable stillHeld;

	private long rows;

	private long shippedRows;

	private long shippedBytes;

	private String lastSortValues;

	/** The part being uploaded: when done, the file's state with it. */
	private CompletableFuture<FileState> inFlight;

	/** The state as of the last uploaded part. */
	private FileState uploaded;

	private OpenFile(int number, String name, FileUpload upload, FileState from, FileDigest digest, PartBuffers buffers,
			int partSize, PartUploader uploader, Runnable stillHeld) {
		this.stillHeld = stillHeld;
		this.number = number;
		this.name = name;
		this.upload = upload;
		this.buffers = buffers;
		this.partSize = partSize;
		this.uploader = uploader;
		this.startAfter = from.startAfter();
		this.digest = digest;
		this.rows = from.rows();
		this.shippedRows = from.rows();
		this.shippedBytes = from.bytes();
		this.lastSortValues = from.after();
		this.uploaded = from;
	}

	/** A new file whose first row comes after {@code startAfter}. */
	static OpenFile begin(int number, String name, FileUpload upload, String startAfter, PartBuffers buffers,
			int partSize, PartUploader uploader, Runnable stillHeld) {
		return new OpenFile(number, name, upload, FileState.notStarted(number, startAfter), FileDigest.start(), buffers,
				partSize, uploader, stillHeld);
	}

	/** A file continued after its last uploaded part, with the digest of those parts. */
	static OpenFile resume(String name, FileUpload upload, FileState state, FileDigest digest, PartBuffers buffers,
			int partSize, PartUploader uploader, Runnable stillHeld) {
		return new OpenFile(state.number(), name, upload, state, digest, buffers, partSize, uploader, stillHeld);
	}

	int number() {
		return this.number;
	}

	String name() {
		return this.name;
	}

	long rows() {
		return this.rows;
	}

	/** Rows in parts uploaded or being uploaded. */
	long shippedRows() {
		return this.shippedRows;
	}

	String lastSortValues() {
		return this.lastSortValues;
	}

	/** A row was formatted into the current buffer (flushed); a full buffer goes to the bucket. */
	void rowWritten(String sortValues) {
		this.rows++;
		this.lastSortValues = sortValues;
		if (this.buffers.size() >= this.partSize) {
			ship();
		}
	}

	/** The file's state as of its last part uploaded so far (without waiting for the one in flight). */
	FileState uploadedState() {
		if (this.inFlight != null && this.inFlight.isDone()) {
			awaitInFlight();
		}
		return this.uploaded;
	}

	/**
	 * Uploads what is left (the file ends here: the format has written its end) and stores the file whole.
	 * @return the stored file
	 */
	ExportFile finish() {
		awaitInFlight();
		PartBuffers.Buffer tail = this.buffers.take();
		this.digest.update(tail.bytes(), 0, tail.size());
		long size = this.shippedBytes + tail.size();
		String sha256 = this.digest.hex();
		this.stillHeld.run();
		this.upload.finish(tail.bytes(), tail.size(), size);
		return ExportFile.stored(this.name, this.rows, size, sha256, this.upload.key());
	}

	/** Waits for the part in flight, whatever its outcome: the upload stays in the bucket for a restart. */
	void close() {
		if (this.inFlight != null) {
			try {
				this.inFlight.join();
			}
			catch (CompletionException ex) {
				// the failure was (or will be) reported by the step; a restart uploads the part again
			}
			this.inFlight = null;
		}
	}

	private void ship() {
		awaitInFlight();
		this.stillHeld.run();
		PartBuffers.Buffer part = this.buffers.take();
		long rowsThrough = this.rows;
		long bytesThrough = this.shippedBytes + part.size();
		String after = this.lastSortValues;
		this.shippedRows = rowsThrough;
		this.shippedBytes = bytesThrough;
		this.inFlight = this.uploader.submit(() -> {
			// one part at a time: the digest sees the parts in order
			this.digest.update(part.bytes(), 0, part.size());
			byte[] state = this.digest.state();
			this.uploader.upload(this.upload, part.bytes(), part.size());
			return new FileState(this.number, this.upload.uploadId(), this.upload.parts(), bytesThrough, rowsThrough,
					state, this.startAfter, after);
		});
	}

	private void awaitInFlight() {
		if (this.inFlight == null) {
			return;
		}
		try {
			this.uploaded = this.inFlight.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while a part of " + this.name + " was being uploaded", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("uploading a part of " + this.name + " failed", ex.getCause());
		}
		finally {
			this.inFlight = null;
		}
	}

}
