package org.earthchem.export.source;

/**
 * The point-in-time a read went through is gone: the search cluster restarted (its search contexts with it) or the
 * point-in-time expired. The reader opens a new one and goes on from the same sort values.
 */
public class PointInTimeGoneException extends SearchRequestException {

	public PointInTimeGoneException(String message) {
		super(message);
	}

}
