package dev.realtime.samples.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.analytics.AnalyticsEvent;
import dev.realtime.analytics.LiveAnalytics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Simulated traffic, tracked from application code as a real app would: every
 * {@code dashboard.traffic.interval}, a few visitors out of a pool of 500 do something, more of
 * them at the crest of a one-minute wave, so that the chart has a shape. Most view a page; some
 * click, a few sign up or buy.
 */
@Component
class TrafficGenerator implements SmartLifecycle {

	private static final List<String> TYPES = List.of(AnalyticsEvent.PAGE_VIEW, AnalyticsEvent.PAGE_VIEW,
			AnalyticsEvent.PAGE_VIEW, AnalyticsEvent.PAGE_VIEW, "click", "click", "signup", "purchase");

	private static final int VISITORS = 500;

	private final LiveAnalytics analytics;

	private final Duration interval;

	private Disposable traffic;

	TrafficGenerator(LiveAnalytics analytics, @Value("${dashboard.traffic.interval:200ms}") Duration interval) {
		this.analytics = analytics;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.traffic = Flux.interval(this.interval)
			.flatMapIterable((tick) -> burst(tick))
			.concatMap(this.analytics::track)
			.subscribe();
	}

	private List<AnalyticsEvent> burst(long tick) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		double wave = Math.sin(2 * Math.PI * tick * this.interval.toMillis() / 60_000.0);
		int size = (int) Math.max(1, Math.round(4 + 3 * wave + random.nextInt(3)));
		// Visitors drift across the pool with the wave, so that some leave the active window.
		int base = (int) (tick / 25) * 7;
		return random.ints(size, 0, 40)
			.mapToObj((i) -> new AnalyticsEvent(TYPES.get(random.nextInt(TYPES.size())),
					"visitor-" + ((base + i) % VISITORS), null))
			.toList();
	}

	@Override
	public void stop() {
		this.traffic.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.traffic != null && !this.traffic.isDisposed();
	}

}
