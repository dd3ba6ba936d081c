package org.earthchem.export.security;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** API-key look-ups are remembered briefly: random keys cannot throttle the key table, a revoke still lands. */
class ApiKeyCacheTest extends IntegrationTest {

	@Autowired
	private DynamoDbClient dynamoDb;

	@Autowired
	private SecurityProperties properties;

	private final AtomicInteger reads = new AtomicInteger();

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
	void aKeyRevokedOnAnotherNodeIsRefusedOnceTheCacheTimeHasPassed() {
		// long enough to outlast the revoke's write on a loaded machine, so the key is still remembered after it
		ApiKeys here = keys(Duration.ofSeconds(3));
		ApiKeys otherNode = keys(Duration.ofSeconds(3));
		ApiKeys.IssuedKey issued = here.issue("cache-owner-2", null, Set.of("petdb"), false);
		assertThat(here.authenticate(issued.key())).isPresent();

		otherNode.revoke(issued.info().keyId());

		assertThat(here.authenticate(issued.key())).as("still remembered").isPresent();
		await().atMost(Duration.ofSeconds(10)).until(() -> here.authenticate(issued.key()).isEmpty());
	}

	/** Keys over the real table, through a client that counts item reads. */
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
		return new ApiKeys(counting, this.properties.apiKeyTable(), Clock.systemUTC(), cacheTtl);
	}

}
