package dev.realtime.hub;

import java.util.Collection;
import java.util.List;

import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.Room;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolCodec;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A room's members on this node and its subscription to the broker, which it holds while it
 * has members.
 */
final class LocalRoom {

	private final String name;

	private final Members members = new Members();

	private final ProtocolCodec codec;

	private final RealtimeMetrics metrics;

	private @Nullable Disposable subscription;

	LocalRoom(String name, ProtocolCodec codec, RealtimeMetrics metrics) {
		this.name = name;
		this.codec = codec;
		this.metrics = metrics;
	}

	String name() {
		return this.name;
	}

	Members members() {
		return this.members;
	}

	void subscribed(Disposable subscription) {
		this.subscription = subscription;
	}

	void dispose() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
	}

	/** Encodes {@code publication} once and hands it to every lane with members. */
	void deliver(Publication publication) {
		this.members.deliver(publication, this.codec, this.metrics);
	}

	/** The public handle on a room, alive or not. */
	record Handle(String name, RoomRegistry registry, DefaultRealtimeHub hub) implements Room {

		@Override
		public int size() {
			LocalRoom room = this.registry.get(this.name);
			return (room != null) ? room.members.size() : 0;
		}

		@Override
		public Collection<Connection> members() {
			LocalRoom room = this.registry.get(this.name);
			return (room != null) ? room.members.snapshot() : List.of();
		}

		@Override
		public Mono<Publication> publish(Event event) {
			return this.hub.publish(this.name, event);
		}

	}

}
