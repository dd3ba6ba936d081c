package org.earthchem.export.storage;

import java.time.Instant;

/** A pre-signed download link and when it stops working. */
public record IssuedLink(String url, Instant expiresAt) {
}
