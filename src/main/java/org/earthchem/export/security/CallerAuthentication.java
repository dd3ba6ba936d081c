package org.earthchem.export.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller, by API key or JWT: operators have {@code ROLE_OPERATOR} and {@code ROLE_CALLER}, other API
 * callers {@code ROLE_CALLER}, a metrics key only {@code ROLE_METRICS} (it may read the metrics and nothing else).
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	CallerAuthentication(Caller caller) {
		super(authorities(caller));
		this.caller = caller;
		setAuthenticated(true);
	}

	private static List<SimpleGrantedAuthority> authorities(Caller caller) {
		if (caller.metrics()) {
			return List.of(new SimpleGrantedAuthority("ROLE_" + Roles.METRICS));
		}
		return caller.operator()
				? List.of(new SimpleGrantedAuthority("ROLE_" + Roles.CALLER), new SimpleGrantedAuthority("ROLE_" + Roles.OPERATOR))
				: List.of(new SimpleGrantedAuthority("ROLE_" + Roles.CALLER));
	}

	@Override
	public Object getCredentials() {
		// never kept: neither the key nor the token
		return "";
	}

	@Override
	public Caller getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return this.caller.owner();
	}

}
