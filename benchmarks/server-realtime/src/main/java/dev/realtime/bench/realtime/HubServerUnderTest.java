package dev.realtime.bench.realtime;

import java.util.Map;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.bench.common.Document;
import dev.realtime.bench.common.ServerUnderTest;
import dev.realtime.bench.common.Tick;
import io.netty.util.internal.PlatformDependent;

/** Publishes through the {@link RealtimeHub}, exactly as an application would. */
final class HubServerUnderTest implements ServerUnderTest {

	private final RealtimeHub hub;

	HubServerUnderTest(RealtimeHub hub) {
		this.hub = hub;
	}

	@Override
	public void publish(String room, Tick tick) {
		// The application's own object as data: the hub writes it to JSON once per publication.
		this.hub.publish(room, Event.message(tick)).subscribe(null, (ex) -> System.err.println("publish: " + ex));
	}

	@Override
	public void publish(String room, Document document) {
		this.hub.publish(room, Event.message(document)).subscribe(null, (ex) -> System.err.println("publish: " + ex));
	}

	@Override
	public long subscriptions() {
		long total = 0;
		for (String room : this.hub.rooms()) {
			total += this.hub.room(room).size();
		}
		return total;
	}

	@Override
	public long connections() {
		return this.hub.connections().size();
	}

	@Override
	public Map<String, Long> memoryDetails() {
		return Map.of("nettyDirect", PlatformDependent.usedDirectMemory());
	}

}
