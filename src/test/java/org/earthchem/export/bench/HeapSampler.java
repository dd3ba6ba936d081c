package org.earthchem.export.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the service's heap every 100 ms while it is open, through the actuator: the peak of the heap in use
 * ({@code jvm.memory.used}, area heap: what the JVM holds, garbage included) and the largest live set after a
 * collection ({@code jvm.gc.live.data.size}: the old generation after a GC that shrank it, what the service really
 * keeps).
 */
final class HeapSampler implements AutoCloseable {

	private final ServiceApi api;

	private final AtomicLong peakUsed = new AtomicLong(-1);

	private final AtomicLong peakLive = new AtomicLong(-1);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "heap-sampler");
		thread.setDaemon(true);
		return thread;
	});

	HeapSampler(ServiceApi api) {
		this.api = api;
		this.timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
	}

	/** The largest heap in use seen, in bytes, or -1 when no sample was taken. */
	long peakUsed() {
		return this.peakUsed.get();
	}

	/** The largest live set after a collection seen, in bytes, or -1 when no collection reported one. */
	long peakLiveAfterGc() {
		return this.peakLive.get();
	}

	private void sample() {
		try {
			this.peakUsed.accumulateAndGet((long) this.api.metric("jvm.memory.used", "area:heap"), Math::max);
			long live = (long) this.api.metric("jvm.gc.live.data.size");
			// 0 until a collection has measured it
			if (live > 0) {
				this.peakLive.accumulateAndGet(live, Math::max);
			}
		}
		catch (Exception ex) {
			// a missed sample: the next is 100 ms away (and an exception here would cancel the schedule)
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.timer.shutdownNow();
		this.timer.awaitTermination(5, TimeUnit.SECONDS);
	}

}
