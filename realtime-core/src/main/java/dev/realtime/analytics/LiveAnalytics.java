package dev.realtime.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Live analytics for an application: {@link #track} counts what visitors do, {@link #snapshot}
 * reads the live metrics (page views, unique visitors and events by type today, users active
 * in the last minutes). With the Redis broker every node counts into the same store, so the
 * numbers are the cluster's.
 * <pre>{@code
 * analytics.track(AnalyticsEvent.of("signup", user.id())).subscribe();
 * }</pre>
 * Days are UTC days of the clock; times are the server's, never a client's.
 */
public final class LiveAnalytics {

	private final AnalyticsStore store;

	private final Clock clock;

	private final AtomicReference<@Nullable AnalyticsSnapshot> latest = new AtomicReference<>();

	private final List<Consumer<AnalyticsSnapshot>> listeners = new CopyOnWriteArrayList<>();

	public LiveAnalytics(AnalyticsStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** Counts {@code event} now; fails as the store does (with Redis, when it is unreachable). */
	public Mono<Void> track(AnalyticsEvent event) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			return this.store.record(day(now), event.type(), event.visitor(), now);
		});
	}

	/** The live metrics now, which {@link #latest} then returns too. */
	public Mono<AnalyticsSnapshot> snapshot() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			return this.store.snapshot(day(now), now);
		}).doOnNext((snapshot) -> {
			this.latest.set(snapshot);
			this.listeners.forEach((listener) -> listener.accept(snapshot));
		});
	}

	/** Calls {@code listener} with every snapshot taken from now on, such as the periodic ones. */
	public void onSnapshot(Consumer<AnalyticsSnapshot> listener) {
		this.listeners.add(listener);
	}

	/**
	 * The last snapshot taken, without asking the store: what the gauges show, as fresh as the
	 * publication interval. {@code null} until the first.
	 */
	public @Nullable AnalyticsSnapshot latest() {
		return this.latest.get();
	}

	AnalyticsStore store() {
		return this.store;
	}

	private static LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

}
