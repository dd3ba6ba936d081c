package org.earthchem.export.devstack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code make token SUB=… EMAIL=… SCOPES=…}: prints an access token for the service of {@code make run}, signed by
 * the local stack's key under {@code .local/}, valid for an hour. Only the local profile trusts it.
 */
public final class LocalTokens {

	private LocalTokens() {
	}

	public static void main(String[] args) {
		if (args.length < 3) {
			System.err.println("usage: LocalTokens <subject> <email> <scopes, e.g. 'export:petdb export:synthesis'>");
			System.exit(2);
		}
		String scopes = String.join(" ", args[2].split("[,\\s]+"));
		// the stack's folder: .local/ for make run (the tests point it elsewhere)
		Path home = Path.of(System.getProperty("export.local-stack.home", ".local")).toAbsolutePath();
		System.out.println(LocalIdentityProvider.in(home)
			.mint(args[0], args[1], scopes, Duration.ofHours(1)));
	}

}
