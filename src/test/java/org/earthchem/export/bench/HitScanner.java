package org.earthchem.export.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads one search response as its bytes arrive and keeps none of them: counts the hits and keeps the last hit's
 * {@code sort} values, which the next page's {@code search_after} needs. No JSON parser: it only follows strings and
 * nesting. A hit is an object at depth 4 ({@code {"hits":{"hits":[{…}]}}}) with exactly one {@code "sort"} key;
 * everything deeper, the whole {@code _source}, is stepped over.
 */
final class HitScanner implements Flow.Subscriber<List<ByteBuffer>> {

	private static final int HIT_DEPTH = 4;

	private static final byte[] SORT = "sort".getBytes(StandardCharsets.US_ASCII);

	private final ByteArrayOutputStream lastSort = new ByteArrayOutputStream(64);

	private int depth;

	private boolean inString;

	private boolean escaped;

	private boolean expectKey;

	// how much of "sort" the string being read has matched; -1 when it cannot be the hit's sort key
	private int sortMatched = -1;

	private boolean sortValueNext;

	private boolean capturing;

	private int hits;

	private long bytes;

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		for (ByteBuffer buffer : buffers) {
			this.bytes += buffer.remaining();
			for (int i = buffer.position(); i < buffer.limit(); i++) {
				step(buffer.get(i));
			}
		}
	}

	@Override
	public void onError(Throwable error) {
		// the HTTP client fails the response with it
	}

	@Override
	public void onComplete() {
	}

	/** What the response held, once it is complete. */
	Page page() {
		return new Page(this.hits, (this.hits > 0) ? this.lastSort.toString(StandardCharsets.UTF_8) : null, this.bytes);
	}

	private void step(byte b) {
		if (this.capturing) {
			this.lastSort.write(b);
		}
		if (this.inString) {
			if (this.escaped) {
				this.escaped = false;
			}
			else if (b == '\\') {
				this.escaped = true;
			}
			else if (b == '"') {
				this.inString = false;
				this.sortValueNext = this.sortMatched == SORT.length;
			}
			else if (this.sortMatched >= 0) {
				this.sortMatched = (this.sortMatched < SORT.length && b == SORT[this.sortMatched]) ? this.sortMatched + 1 : -1;
			}
			return;
		}
		switch (b) {
			case '"' -> {
				this.inString = true;
				this.sortMatched = (this.expectKey && this.depth == HIT_DEPTH) ? 0 : -1;
			}
			case '{', '[' -> {
				if (this.sortValueNext && this.depth == HIT_DEPTH) {
					this.lastSort.reset();
					this.lastSort.write(b);
					this.capturing = true;
				}
				this.depth++;
				this.expectKey = b == '{';
			}
			case '}', ']' -> {
				this.depth--;
				if (this.capturing && this.depth == HIT_DEPTH) {
					this.capturing = false;
					this.sortValueNext = false;
					this.hits++;
				}
			}
			case ',' -> this.expectKey = true;
			case ':' -> this.expectKey = false;
			default -> {
				// white space, numbers, literals: nothing to follow
			}
		}
	}

	/**
	 * One response's figures.
	 *
	 * @param hits the hits in it
	 * @param lastSort the last hit's sort values as JSON text, or null when there was no hit
	 * @param bytes the bytes of the response body
	 */
	record Page(int hits, String lastSort, long bytes) {
	}

}
