package dev.realtime.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each protection acted on this node, since start. Counting is lock-free and cheap;
 * a metrics binder can read {@link #count} as a function counter per {@link LimitEvent}.
 */
public final class LimitCounters {

	private static final LimitEvent[] EVENTS = LimitEvent.values();

	private final LongAdder[] counts = new LongAdder[EVENTS.length];

	public LimitCounters() {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	/** Counts one {@code event}. */
	public void increment(LimitEvent event) {
		this.counts[event.ordinal()].increment();
	}

	/** How often {@code event} happened. */
	public long count(LimitEvent event) {
		return this.counts[event.ordinal()].sum();
	}

	/** Every count, by event. */
	public Map<LimitEvent, Long> snapshot() {
		Map<LimitEvent, Long> snapshot = new EnumMap<>(LimitEvent.class);
		for (LimitEvent event : EVENTS) {
			snapshot.put(event, count(event));
		}
		return snapshot;
	}

}
