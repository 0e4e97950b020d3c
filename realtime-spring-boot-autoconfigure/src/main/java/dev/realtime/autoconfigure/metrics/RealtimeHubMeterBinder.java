package dev.realtime.autoconfigure.metrics;

import dev.realtime.broker.LocalBroker;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters read off the hub when scraped: the gauges {@code realtime.rooms},
 * {@code realtime.subscriptions} (memberships, a connection counted once per room),
 * {@code realtime.outbound.pending} (bytes written to connections that their clients have not
 * taken yet) and {@code realtime.replays.waiting} (resuming subscriptions waiting for their turn
 * to read history, past {@code max-concurrent-replays}), and the counter {@code realtime.limits} (tag {@code event}): how often each
 * protection acted. With the in-memory broker, also the gauge {@code realtime.history.size}
 * (bytes its windows hold) and the counter {@code realtime.history.cut} (windows dropped whole
 * to keep the node within {@code realtime.history.max-total-size}).
 */
public class RealtimeHubMeterBinder implements MeterBinder {

	private final DefaultRealtimeHub hub;

	private final LimitCounters limits;

	public RealtimeHubMeterBinder(DefaultRealtimeHub hub, LimitCounters limits) {
		this.hub = hub;
		this.limits = limits;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("realtime.rooms", this.hub, DefaultRealtimeHub::roomCount)
			.description("Rooms with members on this node")
			.register(registry);
		Gauge.builder("realtime.subscriptions", this.hub, DefaultRealtimeHub::subscriptionCount)
			.description("Room memberships on this node")
			.register(registry);
		Gauge.builder("realtime.outbound.pending", this.hub, (hub) -> hub.pendingBytes())
			.description("Bytes waiting for clients to read them")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("realtime.replays.waiting", this.hub, DefaultRealtimeHub::replaysWaiting)
			.description("Resuming subscriptions waiting for their turn to read history")
			.register(registry);
		if (this.hub.broker() instanceof LocalBroker broker) {
			Gauge.builder("realtime.history.size", broker, LocalBroker::bytesHeld)
				.description("Bytes of publications the rooms' histories hold")
				.baseUnit("bytes")
				.register(registry);
			FunctionCounter.builder("realtime.history.cut", broker, LocalBroker::windowsCut)
				.description("Room histories dropped whole to keep the node within its budget")
				.register(registry);
		}
		for (LimitEvent event : LimitEvent.values()) {
			FunctionCounter.builder("realtime.limits", this.limits, (counters) -> counters.count(event))
				.description("Times a protection acted")
				.tag("event", event.tag())
				.register(registry);
		}
	}

}
