package dev.realtime.autoconfigure.metrics;

import dev.realtime.Connection;
import dev.realtime.hub.AbstractConnection;
import dev.realtime.hub.DefaultRealtimeHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges read off the hub when scraped: {@code realtime.rooms}, {@code realtime.subscriptions}
 * (memberships, a connection counted once per room) and {@code realtime.outbound.pending}
 * (bytes written to connections that their clients have not taken yet).
 */
public class RealtimeHubMeterBinder implements MeterBinder {

	private final DefaultRealtimeHub hub;

	public RealtimeHubMeterBinder(DefaultRealtimeHub hub) {
		this.hub = hub;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("realtime.rooms", this.hub, DefaultRealtimeHub::roomCount)
			.description("Rooms with members on this node")
			.register(registry);
		Gauge.builder("realtime.subscriptions", this.hub, DefaultRealtimeHub::subscriptionCount)
			.description("Room memberships on this node")
			.register(registry);
		Gauge.builder("realtime.outbound.pending", this.hub, RealtimeHubMeterBinder::pendingBytes)
			.description("Bytes waiting for clients to read them")
			.baseUnit("bytes")
			.register(registry);
	}

	private static double pendingBytes(DefaultRealtimeHub hub) {
		long pending = 0;
		for (Connection connection : hub.connections()) {
			pending += ((AbstractConnection) connection).pendingBytes();
		}
		return pending;
	}

}
