package org.earthchem.export.source;

import java.util.Collection;

/** No source of that name is defined (or none the caller may know of). */
public class UnknownSourceException extends RuntimeException {

	private final String source;

	/**
	 * @param source the name asked for
	 * @param listed the sources the message names: for a caller, only those they may export
	 */
	public UnknownSourceException(String source, Collection<String> listed) {
		super("There is no source named '" + shown(source) + "'. "
				+ (listed.isEmpty() ? "Your credential may export no source."
						: "Sources you may export: " + String.join(", ", listed) + "."));
		this.source = source;
	}

	public String source() {
		return this.source;
	}

	/** A source name is a few lowercase letters, digits and '-': anything else is not echoed back whole. */
	private static String shown(String source) {
		return (source != null && source.matches("[a-z0-9-]{1,64}")) ? source : "(not a source name)";
	}

}
