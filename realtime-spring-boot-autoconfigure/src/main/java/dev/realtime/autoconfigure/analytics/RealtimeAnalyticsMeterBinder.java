package dev.realtime.autoconfigure.analytics;

import java.util.function.ToLongFunction;

import dev.realtime.analytics.AnalyticsSnapshot;
import dev.realtime.analytics.LiveAnalytics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Live analytics as gauges, from the latest snapshot (as fresh as
 * {@code realtime.analytics.publish-interval}; the same on every node with Redis, as they are
 * the cluster's):
 * <ul>
 * <li>{@code realtime.analytics.page.views}: page views today;</li>
 * <li>{@code realtime.analytics.unique.visitors}: distinct visitors today;</li>
 * <li>{@code realtime.analytics.active.users}: visitors seen within the active window;</li>
 * <li>{@code realtime.analytics.events} (tag {@code type}): events today by type; a type
 * gone with the day is removed.</li>
 * </ul>
 * Before the first snapshot, a gauge reads NaN.
 */
public class RealtimeAnalyticsMeterBinder implements MeterBinder {

	private final LiveAnalytics analytics;

	public RealtimeAnalyticsMeterBinder(LiveAnalytics analytics) {
		this.analytics = analytics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "realtime.analytics.page.views", "Page views today", AnalyticsSnapshot::pageViews);
		gauge(registry, "realtime.analytics.unique.visitors", "Distinct visitors today (HyperLogLog)",
				AnalyticsSnapshot::uniqueVisitors);
		gauge(registry, "realtime.analytics.active.users", "Visitors seen within the active window",
				AnalyticsSnapshot::activeUsers);
		MultiGauge events = MultiGauge.builder("realtime.analytics.events")
			.description("Events today by type")
			.register(registry);
		this.analytics.onSnapshot((snapshot) -> events.register(snapshot.events()
			.entrySet()
			.stream()
			.map((entry) -> MultiGauge.Row.of(Tags.of("type", entry.getKey()), entry.getValue()))
			.toList(), true));
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToLongFunction<AnalyticsSnapshot> value) {
		Gauge.builder(name, this.analytics, (analytics) -> {
			AnalyticsSnapshot snapshot = analytics.latest();
			return (snapshot != null) ? value.applyAsLong(snapshot) : Double.NaN;
		}).description(description).register(registry);
	}

}
