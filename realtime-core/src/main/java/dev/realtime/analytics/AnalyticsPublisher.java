package dev.realtime.analytics;

import java.time.Duration;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Takes a snapshot of the live metrics at once and then every interval, which keeps {@link LiveAnalytics#latest}
 * fresh on every node, and publishes it to a room as an {@code update} event, for live
 * dashboards.
 * <p>
 * Only one node publishes each snapshot: each interval is a numbered slot of the clock, and the
 * node that {@link AnalyticsStore#claim claims} it first (in Redis, {@code SET NX}) publishes.
 * The numbers are the cluster's whichever node reads them, so one publication per interval is
 * all a dashboard needs; letting every node publish would send it the same numbers once per
 * node, and a leader elected for good would have to be replaced when it dies, while a claim per
 * slot passes to another node at the next interval by itself.
 */
public final class AnalyticsPublisher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AnalyticsPublisher.class);

	private final LiveAnalytics analytics;

	private final RealtimeHub hub;

	private final @Nullable String room;

	private final Duration interval;

	private final Disposable task;

	/**
	 * @param analytics whose snapshots to take
	 * @param hub where to publish them
	 * @param room the room to publish them to, {@code null} to keep them for the gauges only
	 * @param interval time between snapshots
	 */
	public AnalyticsPublisher(LiveAnalytics analytics, RealtimeHub hub, @Nullable String room, Duration interval) {
		this.analytics = analytics;
		this.hub = hub;
		this.room = room;
		this.interval = interval;
		this.task = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> tick().onErrorResume((ex) -> {
				logger.warn("Live analytics: no snapshot this time; trying again in {}", interval, ex);
				return Mono.empty();
			}))
			.subscribe();
	}

	/** Takes a snapshot and publishes it when this node claims the slot. */
	Mono<Void> tick() {
		return this.analytics.snapshot().flatMap((snapshot) -> {
			if (this.room == null) {
				return Mono.empty();
			}
			long slot = snapshot.ts() / this.interval.toMillis();
			return this.analytics.store()
				.claim(slot, this.interval)
				.filter(Boolean::booleanValue)
				.flatMap((claimed) -> this.hub.publish(this.room, Event.update(snapshot)))
				.then();
		});
	}

	@Override
	public void close() {
		this.task.dispose();
	}

}
