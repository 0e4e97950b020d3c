package dev.realtime.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An {@link AnalyticsStore} in this node's memory, for a single node: a map of counts and a
 * {@link HyperLogLog} (16 KB) for the current day, and the active visitors in the order they
 * were last seen, so that those past the window are dropped from the front as time goes on.
 * One lock guards it all: each call holds it for a few map operations.
 */
public final class InMemoryAnalyticsStore implements AnalyticsStore {

	private final long windowMillis;

	private final Duration activeWindow;

	private final int maxEventTypes;

	private final Object lock = new Object();

	private @Nullable LocalDate day;

	private final Map<String, Long> counts = new HashMap<>();

	private HyperLogLog visitors = new HyperLogLog();

	private final AtomicLong lastClaimed = new AtomicLong(Long.MIN_VALUE);

	/** Visitor to when it was last seen (epoch millis), least recently seen first. */
	private final LinkedHashMap<String, Long> lastSeen = new LinkedHashMap<>();

	/**
	 * @param activeWindow how long a visitor counts as active after it was last seen
	 * @param maxEventTypes the most event types counted apart in a day
	 */
	public InMemoryAnalyticsStore(Duration activeWindow, int maxEventTypes) {
		this.activeWindow = activeWindow;
		this.windowMillis = activeWindow.toMillis();
		this.maxEventTypes = maxEventTypes;
	}

	@Override
	public Mono<Void> record(LocalDate day, String type, @Nullable String visitor, Instant at) {
		return Mono.fromRunnable(() -> {
			synchronized (this.lock) {
				startDay(day);
				String counted = (this.counts.containsKey(type) || this.counts.size() < this.maxEventTypes) ? type
						: OTHER;
				this.counts.merge(counted, 1L, Long::sum);
				if (visitor != null) {
					this.visitors.add(visitor);
					// Removed first, so that the visitor moves to the end: the most recently seen.
					this.lastSeen.remove(visitor);
					this.lastSeen.put(visitor, at.toEpochMilli());
				}
				expire(at);
			}
		});
	}

	@Override
	public Mono<AnalyticsSnapshot> snapshot(LocalDate day, Instant now) {
		return Mono.fromSupplier(() -> {
			synchronized (this.lock) {
				expire(now);
				boolean today = day.equals(this.day);
				return AnalyticsSnapshot.of(day, today ? this.counts : Map.of(), today ? this.visitors.count() : 0,
						this.lastSeen.size(), this.activeWindow, now);
			}
		});
	}

	@Override
	public Mono<Boolean> claim(long slot, Duration ttl) {
		// The only node: it claims each slot the first time it asks.
		return Mono.fromSupplier(() -> this.lastClaimed.getAndAccumulate(slot, Math::max) < slot);
	}

	/** Starts counting {@code day} when it is a later one than the day counted so far. */
	private void startDay(LocalDate day) {
		if (this.day == null || day.isAfter(this.day)) {
			this.day = day;
			this.counts.clear();
			this.visitors = new HyperLogLog();
		}
	}

	/** Drops the visitors last seen before the window that ends {@code now}. */
	private void expire(Instant now) {
		long since = now.toEpochMilli() - this.windowMillis;
		Iterator<Long> seen = this.lastSeen.values().iterator();
		while (seen.hasNext() && seen.next() < since) {
			seen.remove();
		}
	}

}
