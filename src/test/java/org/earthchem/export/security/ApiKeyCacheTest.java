package org.earthchem.export.security;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** API-key look-ups are remembered briefly: random keys cannot throttle the key table, a revoke still lands. */
class ApiKeyCacheTest extends IntegrationTest {

	/** How long an answer is kept: its passing is the test's {@link #nanos}, not the machine's. */
	private static final Duration CACHE_TTL = Duration.ofSeconds(10);

	@Autowired
	private DynamoDbClient dynamoDb;

	@Autowired
	private SecurityProperties properties;

	private final AtomicInteger reads = new AtomicInteger();

	/** The time the caches of the keys go by, moved on by the test. */
	private final AtomicLong nanos = new AtomicLong();

	@Test
	void anUnknownKeySentAHundredTimesIsLookedUpOnce() {
		ApiKeys keys = keys(Duration.ofSeconds(10));

		for (int i = 0; i < 100; i++) {
			assertThat(keys.authenticate("exk_nobody-has-this-key")).isEmpty();
		}

		assertThat(this.reads).hasValue(1);
	}

	@Test
	void aKeyRevokedOnThisNodeIsRefusedAtOnce() {
		ApiKeys keys = keys(Duration.ofMinutes(10));
		ApiKeys.IssuedKey issued = keys.issue("cache-owner-1", null, Set.of("petdb"), false);
		assertThat(keys.authenticate(issued.key())).isPresent();

		keys.revoke(issued.info().keyId());

		assertThat(keys.authenticate(issued.key())).isEmpty();
	}

	@Test
	void aKeyRevokedOnAnotherNodeIsStillAcceptedUntilTheCacheTimeHasPassed() {
		ApiKeys here = keys(CACHE_TTL);
		String key = rememberedThenRevokedElsewhere(here, "cache-owner-2");

		this.nanos.addAndGet(CACHE_TTL.minusMillis(1).toNanos());

		assertThat(here.authenticate(key)).as("remembered a millisecond before the cache time").isPresent();
	}

	@Test
	void aKeyRevokedOnAnotherNodeIsRefusedOnceTheCacheTimeHasPassed() {
		ApiKeys here = keys(CACHE_TTL);
		String key = rememberedThenRevokedElsewhere(here, "cache-owner-3");

		this.nanos.addAndGet(CACHE_TTL.toNanos());

		assertThat(here.authenticate(key)).isEmpty();
	}

	/** A new key, accepted (and so remembered) {@code here}, then revoked through the keys of another node. */
	private String rememberedThenRevokedElsewhere(ApiKeys here, String owner) {
		ApiKeys.IssuedKey issued = here.issue(owner, null, Set.of("petdb"), false);
		assertThat(here.authenticate(issued.key())).isPresent();
		keys(CACHE_TTL).revoke(issued.info().keyId());
		return issued.key();
	}

	/** Keys over the real table, through a client that counts item reads, their cache going by {@link #nanos}. */
	private ApiKeys keys(Duration cacheTtl) {
		DynamoDbClient counting = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { DynamoDbClient.class }, (proxy, method, args) -> {
					if (method.getName().equals("getItem")) {
						this.reads.incrementAndGet();
					}
					try {
						return method.invoke(this.dynamoDb, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		return new ApiKeys(counting, this.properties.apiKeyTable(), Clock.systemUTC(), cacheTtl, this.nanos::get);
	}

}
