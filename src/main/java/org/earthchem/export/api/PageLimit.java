package org.earthchem.export.api;

import java.util.List;

import org.earthchem.export.source.ParameterError;

/** The {@code limit} of a paged listing: a whole number from 1 to the listing's most, its default when absent. */
final class PageLimit {

	private PageLimit() {
	}

	/** The page size {@code limit} asks for; a bad one is added to {@code errors} (a 400 naming {@code limit}). */
	static int of(String limit, int defaultSize, int max, List<ParameterError> errors) {
		if (limit == null) {
			return defaultSize;
		}
		try {
			int size = Integer.parseInt(limit);
			if (size >= 1 && size <= max) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, like a number out of range
		}
		errors.add(new ParameterError("limit", "must be a whole number from 1 to " + max));
		return defaultSize;
	}

}
