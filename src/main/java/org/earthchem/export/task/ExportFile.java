package org.earthchem.export.task;

import java.time.Instant;

/**
 * One finished file of an export.
 *
 * @param name file name as the user sees it
 * @param rows data rows in the file (the header is not a row)
 * @param bytes file size
 * @param sha256 lowercase hex SHA-256 of the file
 * @param location where the storage part keeps it (the object key in the bucket)
 * @param downloadUrl the last pre-signed link issued for it, or null
 * @param expiresAt when that link stops working, or null
 * @param deletedAt when retention removed the file, or null while it is kept
 */
public record ExportFile(String name, long rows, long bytes, String sha256, String location, String downloadUrl,
		Instant expiresAt, Instant deletedAt) {

	/** A file just stored, without a link yet. */
	public static ExportFile stored(String name, long rows, long bytes, String sha256, String location) {
		return new ExportFile(name, rows, bytes, sha256, location, null, null, null);
	}

	/** The same file with a newly issued link. */
	public ExportFile withLink(String url, Instant linkExpiresAt) {
		return new ExportFile(this.name, this.rows, this.bytes, this.sha256, this.location, url, linkExpiresAt,
				this.deletedAt);
	}

	/** The same file, removed by retention: no link any more. */
	public ExportFile deleted(Instant at) {
		return new ExportFile(this.name, this.rows, this.bytes, this.sha256, this.location, null, null, at);
	}

	/** Whether its link is missing or expires before {@code at}. */
	public boolean needsLink(Instant at) {
		return this.deletedAt == null && (this.downloadUrl == null || this.expiresAt == null || !this.expiresAt.isAfter(at));
	}

}
