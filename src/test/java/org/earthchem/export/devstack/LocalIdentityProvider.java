package org.earthchem.export.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in identity provider for the local stack only: an RSA signing key kept under the stack's folder, its
 * public JWK set served on a loopback port, and tokens minted with it ({@code make token}). Only the properties the
 * local stack hands to the service make it trusted; no other profile knows of it.
 */
public final class LocalIdentityProvider implements AutoCloseable {

	/** The issuer of local tokens (a name, never fetched: the key set comes from {@link #jwkSetUri()}). */
	public static final String ISSUER = "http://localhost";

	/** The audience the service expects. */
	public static final String AUDIENCE = "export-service";

	private final RSAKey key;

	private HttpServer server;

	private LocalIdentityProvider(RSAKey key) {
		this.key = key;
	}

	/** The provider whose key is in {@code folder/jwt-key.json}, created on first use. */
	public static LocalIdentityProvider in(Path folder) {
		Path file = folder.resolve("jwt-key.json");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(folder);
				RSAKey generated = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
				Files.writeString(file, generated.toJSONString());
			}
			return new LocalIdentityProvider(RSAKey.parse(Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read or write the local signing key " + file, ex);
		}
		catch (JOSEException | ParseException ex) {
			throw new IllegalStateException("the local signing key " + file + " is not usable", ex);
		}
	}

	/** Serves the public key set on a free loopback port. */
	public LocalIdentityProvider serve() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] keys = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/jwks.json", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, keys.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(keys);
			}
		});
		this.server.start();
		return this;
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks.json";
	}

	/** A signed access token for the service, its email address verified (as the local users' always are). */
	public String mint(String subject, String email, String scopes, Duration lifetime) {
		return mint(subject, email, true, scopes, lifetime, ISSUER, AUDIENCE);
	}

	/** A signed access token whose email address the provider has or has not verified ({@code email_verified}). */
	public String mint(String subject, String email, boolean emailVerified, String scopes, Duration lifetime) {
		return mint(subject, email, emailVerified, scopes, lifetime, ISSUER, AUDIENCE);
	}

	/** A signed token with any issuer and audience (tests of what the service refuses). */
	public String mint(String subject, String email, String scopes, Duration lifetime, String issuer, String audience) {
		return mint(subject, email, true, scopes, lifetime, issuer, audience);
	}

	private String mint(String subject, String email, boolean emailVerified, String scopes, Duration lifetime,
			String issuer, String audience) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.audience(audience)
			.claim("email", email)
			.claim("email_verified", emailVerified)
			.claim("scope", scopes)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now.minusSeconds(1)))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

}
