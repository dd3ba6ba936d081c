package org.earthchem.export.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.earthchem.export.Sha256;
import org.earthchem.export.task.DynamoDbTables;
import org.earthchem.export.task.Timestamps;

/**
 * API keys, stored only as SHA-256 hashes in a DynamoDB table: the item's key is the first 16 hex digits of the hash
 * (the public key id), and it holds the full hash, the owner, email, sources, roles, and the creation and revocation
 * times. A key is shown once, when it is issued; what the table holds cannot give it back.
 */
public class ApiKeys {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	/** The prefix of every issued key, so that a leaked one is easy to recognise. */
	static final String PREFIX = "exk_";

	private static final String OPERATOR_ROLE = "operator";

	private static final String METRICS_ROLE = "metrics";

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	/** What keys stand for, known or unknown, for a few seconds: random keys cannot throttle the key table. */
	private final Cache<String, Optional<Caller>> callers;

	/** Look-ups of keys in the table (not counting the operators' listing and finds): what anonymous callers cost. */
	private final AtomicLong lookUps = new AtomicLong();

	/**
	 * @param cacheTtl how long an answer about a key is kept; a key revoked on another node is refused after at most
	 * this long (at once on the node that revoked it)
	 */
	ApiKeys(DynamoDbClient dynamoDb, String table, Clock clock, Duration cacheTtl) {
		this(dynamoDb, table, clock, cacheTtl, Ticker.systemTicker());
	}

	/** @param cacheTicker the time the cache of answers goes by (the system's; a test's own to let it pass) */
	ApiKeys(DynamoDbClient dynamoDb, String table, Clock clock, Duration cacheTtl, Ticker cacheTicker) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
		this.callers = Caffeine.newBuilder()
			.expireAfterWrite(cacheTtl)
			.maximumSize(10_000)
			.ticker(cacheTicker)
			.build();
	}

	void createTableIfMissing() {
		DynamoDbTables.createIfMissing(this.dynamoDb, this.table, (r) -> r
			.attributeDefinitions(AttributeDefinition.builder().attributeName("keyId").attributeType(ScalarAttributeType.S).build())
			.keySchema((k) -> k.attributeName("keyId").keyType(KeyType.HASH)));
	}

	/** Issues a new key; the result is the only place the key itself ever appears. */
	public IssuedKey issue(String owner, String email, Set<String> sources, boolean operator) {
		return issue(owner, email, sources, operator, false);
	}

	/**
	 * Issues a new key, for an API caller or (with {@code metrics}, no sources) a scraper that may read the metrics
	 * and nothing else; the result is the only place the key itself ever appears.
	 */
	public IssuedKey issue(String owner, String email, Set<String> sources, boolean operator, boolean metrics) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		ApiKeyInfo info = store(key, owner, email, sources, operator, metrics, false);
		log.info("API key {} issued for {} ({}{})", info.keyId(), owner, String.join(",", info.sources()),
				metrics ? "metrics only" : "");
		return new IssuedKey(key, info);
	}

	/** Stores a key chosen elsewhere (the demo keys of the local stack, compose's keys) unless it is already there. */
	void ensure(String key, String owner, String email, Set<String> sources, boolean operator, boolean metrics) {
		store(key, owner, email, sources, operator, metrics, true);
	}

	private ApiKeyInfo store(String key, String owner, String email, Set<String> sources, boolean operator,
			boolean metrics, boolean keepExisting) {
		if (!OwnerIds.isKeyOwner(owner)) {
			throw new IllegalArgumentException("an API key's owner must be a name without '" + OwnerIds.REALM_SEPARATOR
					+ "' (token owners are <realm>" + OwnerIds.REALM_SEPARATOR + "<sub>): " + owner);
		}
		if (metrics && (operator || !sources.isEmpty())) {
			throw new IllegalArgumentException("a metrics key reads the metrics only: no sources, not an operator");
		}
		String hash = hash(key);
		ApiKeyInfo info = new ApiKeyInfo(keyId(hash), owner, email, new TreeSet<>(sources), operator, metrics,
				Timestamps.truncate(this.clock.instant()), null);
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("keyId", AttributeValue.fromS(info.keyId()));
		item.put("hash", AttributeValue.fromS(hash));
		item.put("owner", AttributeValue.fromS(owner));
		if (email != null) {
			item.put("email", AttributeValue.fromS(email));
		}
		item.put("sources", AttributeValue.fromL(info.sources().stream().map(AttributeValue::fromS).toList()));
		item.put("roles", AttributeValue.fromL(operator ? List.of(AttributeValue.fromS(OPERATOR_ROLE))
				: metrics ? List.of(AttributeValue.fromS(METRICS_ROLE)) : List.of()));
		item.put("createdAt", AttributeValue.fromS(Timestamps.format(info.createdAt())));
		try {
			this.dynamoDb.putItem((r) -> r.tableName(this.table)
				.item(item)
				.conditionExpression(keepExisting ? "attribute_not_exists(keyId)" : null));
		}
		catch (ConditionalCheckFailedException ex) {
			// already there
		}
		return info;
	}

	/** The caller a key stands for, unless it is unknown or revoked. */
	public Optional<Caller> authenticate(String key) {
		if (key == null || key.isBlank() || key.length() > 200) {
			return Optional.empty();
		}
		return this.callers.get(hash(key), this::lookUp);
	}

	/** Whether this node knows the key as valid already (remembered, so checking it costs nothing). */
	boolean isKnownValid(String key) {
		if (key == null || key.isBlank() || key.length() > 200) {
			return false;
		}
		Optional<Caller> known = this.callers.getIfPresent(hash(key));
		return known != null && known.isPresent();
	}

	/** How many times this node has looked a key up in the table. */
	long lookUps() {
		return this.lookUps.get();
	}

	private Optional<Caller> lookUp(String hash) {
		this.lookUps.incrementAndGet();
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table).key(Map.of("keyId", AttributeValue.fromS(keyId(hash)))).consistentRead(true))
			.item();
		if (item == null || item.isEmpty() || item.containsKey("revokedAt")
				|| !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
						item.get("hash").s().getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		ApiKeyInfo info = fromItem(item);
		return Optional.of(new Caller(info.owner(), info.email(), info.sources(), info.operator(), info.metrics()));
	}

	/** Revokes a key by its id; false when there is no such key. Revoking twice is harmless. */
	public boolean revoke(String keyId) {
		try {
			this.dynamoDb.updateItem((r) -> r.tableName(this.table)
				.key(Map.of("keyId", AttributeValue.fromS(keyId)))
				.updateExpression("SET revokedAt = if_not_exists(revokedAt, :now)")
				.conditionExpression("attribute_exists(keyId)")
				.expressionAttributeValues(
						Map.of(":now", AttributeValue.fromS(Timestamps.format(this.clock.instant())))));
			this.callers.asMap().keySet().removeIf((hash) -> keyId(hash).equals(keyId));
			log.info("API key {} revoked", keyId);
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	/** What is known of one key, by its id. */
	public Optional<ApiKeyInfo> find(String keyId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((r) -> r.tableName(this.table).key(Map.of("keyId", AttributeValue.fromS(keyId))).consistentRead(true))
			.item();
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(fromItem(item));
	}

	/** Every key, without the keys themselves. */
	public List<ApiKeyInfo> list() {
		List<ApiKeyInfo> keys = new ArrayList<>();
		this.dynamoDb.scanPaginator((r) -> r.tableName(this.table))
			.items()
			.forEach((item) -> keys.add(fromItem(item)));
		keys.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
		return keys;
	}

	private static ApiKeyInfo fromItem(Map<String, AttributeValue> item) {
		Set<String> sources = new TreeSet<>();
		item.getOrDefault("sources", AttributeValue.fromL(List.of())).l().forEach((v) -> sources.add(v.s()));
		List<AttributeValue> roles = item.getOrDefault("roles", AttributeValue.fromL(List.of())).l();
		boolean operator = roles.stream().anyMatch((v) -> OPERATOR_ROLE.equals(v.s()));
		boolean metrics = !operator && roles.stream().anyMatch((v) -> METRICS_ROLE.equals(v.s()));
		return new ApiKeyInfo(item.get("keyId").s(), item.get("owner").s(),
				item.containsKey("email") ? item.get("email").s() : null, sources, operator, metrics,
				Instant.parse(item.get("createdAt").s()),
				item.containsKey("revokedAt") ? Instant.parse(item.get("revokedAt").s()) : null);
	}

	static String hash(String key) {
		return Sha256.hex(key);
	}

	private static String keyId(String hash) {
		return hash.substring(0, 16);
	}

	/**
	 * What is known of a key, never the key itself.
	 *
	 * @param keyId public id (the first 16 hex digits of its hash)
	 * @param owner owner id
	 * @param email email address
	 * @param sources sources it may export
	 * @param operator whether it has the operator role
	 * @param metrics whether it is a metrics key (reads {@code /actuator/prometheus} and nothing else)
	 * @param createdAt when it was issued
	 * @param revokedAt when it was revoked, or null
	 */
	public record ApiKeyInfo(String keyId, String owner, String email, Set<String> sources, boolean operator,
			boolean metrics, Instant createdAt, Instant revokedAt) {
	}

	/**
	 * A key just issued, with the key itself: the only time it is shown.
	 *
	 * @param key the key, for {@code X-API-Key}
	 * @param info what is stored of it
	 */
	public record IssuedKey(String key, ApiKeyInfo info) {
	}

}
