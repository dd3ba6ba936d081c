package org.earthchem.export.job;

/**
 * One hit's {@code _source}, as a slice of the page it arrived in (no copy), and its raw sort values.
 *
 * @param page the page's response bytes
 * @param start offset of the {@code _source} object's opening brace
 * @param end offset just past its closing brace
 * @param sortValues the hit's {@code sort} array as JSON text, the search_after position after this hit
 */
record SourceDocument(byte[] page, int start, int end, String sortValues) {
}
