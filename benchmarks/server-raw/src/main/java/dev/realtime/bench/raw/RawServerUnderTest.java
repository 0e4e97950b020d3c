package dev.realtime.bench.raw;

import java.util.Map;

import dev.realtime.bench.common.Document;
import dev.realtime.bench.common.ServerUnderTest;
import dev.realtime.bench.common.Tick;
import io.netty.util.internal.PlatformDependent;

/**
 * Publishes by hand-writing the same {@code message} envelope our protocol uses (room, offset,
 * epoch, event, data, ts), so that every server puts the same bytes on the wire.
 */
final class RawServerUnderTest implements ServerUnderTest {

	private final RawRooms rooms;

	private final RawSse sse;

	RawServerUnderTest(RawRooms rooms, RawSse sse) {
		this.rooms = rooms;
		this.sse = sse;
	}

	@Override
	public void publish(String room, Tick tick) {
		publishJson(room, tick.toJson());
	}

	@Override
	public void publish(String room, Document document) {
		publishJson(room, document.toJson());
	}

	private void publishJson(String room, String json) {
		long offset = this.rooms.nextOffset(room);
		String envelope = "{\"type\":\"message\",\"room\":\"" + room + "\",\"offset\":" + offset
				+ ",\"epoch\":\"raw\",\"event\":\"message\",\"data\":" + json + ",\"ts\":"
				+ System.currentTimeMillis() + "}";
		this.rooms.broadcast(room, envelope);
		this.sse.broadcast(room, offset, envelope);
	}

	@Override
	public long subscriptions() {
		return this.rooms.subscriptions() + this.sse.streams();
	}

	@Override
	public long connections() {
		return this.rooms.connections() + this.sse.streams();
	}

	@Override
	public Map<String, Long> memoryDetails() {
		return Map.of("nettyDirect", PlatformDependent.usedDirectMemory(), "dropped", this.rooms.dropped());
	}

}
