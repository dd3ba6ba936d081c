package org.earthchem.export.security;

import java.net.URI;
import java.util.Locale;

/**
 * Owner ids in one namespace: an API key's owner is a plain name, a token's owner is {@code <realm>:<sub>}. API-key
 * owners may not contain the separator, so a token whose {@code sub} spells a key owner's name never owns that
 * owner's exports.
 */
public final class OwnerIds {

	/** Between a token's realm and its subject; never part of an API key's owner. */
	public static final char REALM_SEPARATOR = ':';

	private OwnerIds() {
	}

	/** The owner id of a token's subject in a realm. */
	static String ofToken(String realm, String subject) {
		return realm + REALM_SEPARATOR + subject;
	}

	/** Whether a name may be an API key's owner: it must not look like a token's owner. */
	static boolean isKeyOwner(String owner) {
		return owner != null && !owner.isBlank() && owner.indexOf(REALM_SEPARATOR) < 0;
	}

	/**
	 * The realm of an issuer: the host and path of its URI ({@code https://login.example.org/realms/x} is
	 * {@code login.example.org/realms/x}: two realms, tenants or user pools of one host are two realms), without scheme
	 * and port (a local issuer's port changes from run to run), or the issuer itself when it is no URI with a host;
	 * never with the separator.
	 */
	static String realmOf(String issuer) {
		String realm = issuer.strip();
		try {
			URI uri = URI.create(realm);
			if (uri.getHost() != null) {
				String path = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
				realm = uri.getHost().toLowerCase(Locale.ROOT) + path;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URI: the issuer's name as it stands
		}
		// an IPv6 literal host ([::1]) must not bring the separator in
		return realm.replace("[", "").replace("]", "").replace(REALM_SEPARATOR, '-');
	}

}
