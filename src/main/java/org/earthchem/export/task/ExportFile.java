package org.earthchem.export.task;

/**
 * One finished file of an export.
 *
 * @param name file name as the user sees it
 * @param rows data rows in the file (the header is not a row)
 * @param bytes file size
 * @param sha256 lowercase hex SHA-256 of the file
 * @param location where the storage part keeps it (a key it understands)
 */
public record ExportFile(String name, long rows, long bytes, String sha256, String location) {
}
