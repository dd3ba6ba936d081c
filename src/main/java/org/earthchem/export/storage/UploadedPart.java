package org.earthchem.export.storage;

/**
 * A part of a multipart upload that the bucket holds.
 *
 * @param number 1-based part number
 * @param etag the ETag the bucket answered, needed to complete the upload
 */
public record UploadedPart(int number, String etag) {

}
