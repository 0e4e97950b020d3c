package dev.realtime.hub;

import java.util.Collection;
import java.util.List;

import dev.realtime.ClientInfo;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.Room;
import dev.realtime.StreamPosition;
import dev.realtime.broker.BrokerListener;
import dev.realtime.metrics.RealtimeMetrics;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A room's members on this node and its subscription to the broker, which it holds while it
 * has members. The subscription is made once the room is in the registry, outside its lock, and
 * may be confirmed late: {@link #live()} completes when it is.
 */
final class LocalRoom implements BrokerListener {

	private final String name;

	private final Members members = new Members();

	private final RealtimeMetrics metrics;

	private final int maxMembersForJoinLeave;

	private final Sinks.One<Void> live = Sinks.one();

	private final Mono<Void> liveSignal = this.live.asMono().cache();

	private @Nullable Disposable subscription;

	/**
	 * Whether the room failed or was removed: its members are no longer its own (a failed room
	 * keeps them listed, and they join a new room of the same name), so it passes nothing on, and
	 * a subscription confirmed after it ended is ended at once. Written under the room's lock.
	 */
	private volatile boolean ended;

	/**
	 * @param maxMembersForJoinLeave members on this node above which join and leave are not sent;
	 * negative to send none
	 */
	LocalRoom(String name, RealtimeMetrics metrics, int maxMembersForJoinLeave) {
		this.name = name;
		this.metrics = metrics;
		this.maxMembersForJoinLeave = maxMembersForJoinLeave;
	}

	String name() {
		return this.name;
	}

	Members members() {
		return this.members;
	}

	/** Completes once the broker subscription is live; fails if it could not be made. */
	Mono<Void> live() {
		return this.liveSignal;
	}

	/** The broker confirmed the subscription; ends it at once if the room closed meanwhile. */
	void subscribed(Disposable subscription) {
		boolean closed;
		synchronized (this) {
			closed = this.ended;
			this.subscription = subscription;
		}
		if (closed) {
			subscription.dispose();
		}
		this.live.tryEmitEmpty();
	}

	/** The broker subscription could not be made: the room delivers nothing from now on. */
	void failed(Throwable failure) {
		synchronized (this) {
			this.ended = true;
		}
		this.live.tryEmitError(failure);
	}

	void dispose() {
		Disposable subscription;
		synchronized (this) {
			this.ended = true;
			subscription = this.subscription;
		}
		if (subscription != null) {
			subscription.dispose();
		}
	}

	@Override
	public void onPublication(Publication publication) {
		if (this.ended) {
			return;
		}
		this.members.deliver(OutboundFrame.publication(publication), this.metrics);
	}

	@Override
	public void onJoin(ClientInfo client) {
		if (!this.ended && sendsJoinLeave()) {
			this.members.deliver(OutboundFrame.join(this.name, client), this.metrics);
		}
	}

	@Override
	public void onLeave(ClientInfo client) {
		if (!this.ended && sendsJoinLeave()) {
			this.members.deliver(OutboundFrame.leave(this.name, client), this.metrics);
		}
	}

	@Override
	public void onResync(StreamPosition position) {
		if (this.ended) {
			return;
		}
		this.metrics.resync();
		this.members.deliver(OutboundFrame.resync(this.name, position), this.metrics);
	}

	/** Whether join and leave go to the members: a crowd would pay for them quadratically. */
	boolean sendsJoinLeave() {
		return this.members.size() <= this.maxMembersForJoinLeave;
	}

	@Override
	public String toString() {
		return "LocalRoom[" + this.name + "]";
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
