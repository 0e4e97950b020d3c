package dev.realtime.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live metrics at one moment, as published to the analytics room (as its JSON) and read by
 * the gauges:
 * <ul>
 * <li>{@code day}: the day (UTC, {@code 2025-01-31}) the counts are of; they start again from
 * zero at midnight;</li>
 * <li>{@code pageViews}: events of type {@value AnalyticsEvent#PAGE_VIEW} that day;</li>
 * <li>{@code uniqueVisitors}: distinct visitors that day, estimated by HyperLogLog (within about
 * 1%);</li>
 * <li>{@code activeUsers}: distinct visitors seen in the last {@code activeWindowSeconds};</li>
 * <li>{@code events}: events that day by type;</li>
 * <li>{@code ts}: when it was taken, in milliseconds since the epoch.</li>
 * </ul>
 */
public record AnalyticsSnapshot(String day, long pageViews, long uniqueVisitors, long activeUsers,
		long activeWindowSeconds, Map<String, Long> events, long ts) {

	public AnalyticsSnapshot {
		// Sorted by type, so that the JSON reads the same from one snapshot to the next.
		events = Collections.unmodifiableSortedMap(new TreeMap<>(events));
	}

	/** The snapshot of {@code day}'s counts, taken {@code at}, for a store to return. */
	public static AnalyticsSnapshot of(LocalDate day, Map<String, Long> events, long uniqueVisitors, long activeUsers,
			Duration activeWindow, Instant at) {
		return new AnalyticsSnapshot(day.toString(), events.getOrDefault(AnalyticsEvent.PAGE_VIEW, 0L), uniqueVisitors,
				activeUsers, activeWindow.toSeconds(), events, at.toEpochMilli());
	}

}
