package org.earthchem.export.storage;

/** A file as storage keeps it: the location to open it again and its size. */
public record StoredFile(String location, long bytes) {
}
