package org.earthchem.export.security;

/** The roles a credential can give (Spring Security's authorities are these with {@code ROLE_} before them). */
final class Roles {

	/** Anyone who uses the API: every API key and token but a metrics key. */
	static final String CALLER = "CALLER";

	/** Sees and acts on every task, uses the operator routes and every actuator endpoint. */
	static final String OPERATOR = "OPERATOR";

	/** A scraper: reads {@code /actuator/prometheus} and nothing else. */
	static final String METRICS = "METRICS";

	private Roles() {
	}

}
