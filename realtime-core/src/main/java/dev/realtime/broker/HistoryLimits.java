package dev.realtime.broker;

import java.time.Duration;

/**
 * How much of each topic's stream a broker keeps for clients that resume.
 *
 * @param size publications kept per topic; 0 keeps none (offsets are still numbered)
 * @param ttl how long a publication stays replayable; a topic idle for longer is forgotten, and
 * starts again with a new epoch
 * @param maxTopicBytes bytes of encoded events kept per topic; the oldest go first
 * @param maxBytes bytes of encoded events kept for every topic together; past it the windows of
 * the topics idle the longest are cut whole, each with a new epoch
 */
public record HistoryLimits(int size, Duration ttl, long maxTopicBytes, long maxBytes) {

	public HistoryLimits {
		if (size < 0) {
			throw new IllegalArgumentException("History size must not be negative, was " + size);
		}
	}

	/** {@code size} publications per topic for {@code ttl}, with no byte limit. */
	public static HistoryLimits of(int size, Duration ttl) {
		return new HistoryLimits(size, ttl, Long.MAX_VALUE, Long.MAX_VALUE);
	}

}
