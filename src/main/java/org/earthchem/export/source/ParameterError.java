package org.earthchem.export.source;

/** One bad search parameter: its name as the request gave it and what is wrong, as a sentence a user can act on. */
public record ParameterError(String parameter, String message) {
}
