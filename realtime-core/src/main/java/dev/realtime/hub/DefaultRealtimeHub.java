package dev.realtime.hub;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.Room;
import dev.realtime.broker.Broker;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link RealtimeHub} of one node: its connections and rooms, fed by a {@link Broker}.
 * <p>
 * Transports {@link #register} each connection once it is open and {@link #unregister} it when
 * it closes; a connection with a user id is a member of its personal room
 * {@code user:{id}} for as long as it is registered, which is how {@link #sendToUser} reaches
 * every device of the user on every node.
 */
public final class DefaultRealtimeHub implements RealtimeHub {

	private static final Logger logger = LoggerFactory.getLogger(DefaultRealtimeHub.class);

	private final Broker broker;

	private final ProtocolCodec codec;

	private final RoomNamePolicy roomNames;

	private final int subscriberBuffer;

	private final ConnectionRegistry connections = new ConnectionRegistry();

	private final RoomRegistry rooms;

	private final Disposable broadcasts;

	/**
	 * @param broker moves publications between nodes
	 * @param codec encodes frames, once per publication
	 * @param roomNames which room names the hub accepts
	 * @param subscriberBuffer publications a {@link #subscribe} subscriber may lag behind before
	 * it fails with an overflow
	 */
	public DefaultRealtimeHub(Broker broker, ProtocolCodec codec, RoomNamePolicy roomNames, int subscriberBuffer) {
		this.broker = broker;
		this.codec = codec;
		this.roomNames = roomNames;
		this.subscriberBuffer = subscriberBuffer;
		this.rooms = new RoomRegistry(broker, codec);
		this.broadcasts = broker.subscribe(Broker.BROADCAST)
			.subscribe(this::deliverToAll, (ex) -> logger.error("Broadcast subscription failed", ex));
	}

	@Override
	public Mono<Publication> publish(String room, Event event) {
		return Mono.defer(() -> this.broker.publish(this.roomNames.check(room), event));
	}

	@Override
	public Mono<Void> broadcast(Event event) {
		return this.broker.publish(Broker.BROADCAST, event).then();
	}

	@Override
	public Mono<Publication> sendToUser(String userId, Event event) {
		return publish(UserRoomAuthorizer.userRoom(userId), event);
	}

	@Override
	public Mono<Void> sendToConnection(String connectionId, Event event) {
		return Mono.fromRunnable(() -> {
			AbstractConnection connection = this.connections.get(connectionId);
			if (connection != null) {
				connection.send(event);
			}
		});
	}

	@Override
	public Mono<Void> join(String connectionId, String room) {
		return Mono.fromRunnable(() -> join(required(connectionId), this.roomNames.check(room)));
	}

	@Override
	public Mono<Void> leave(String connectionId, String room) {
		return Mono.fromRunnable(() -> this.rooms.leave(room, required(connectionId)));
	}

	@Override
	public Room room(String name) {
		return new LocalRoom.Handle(this.roomNames.check(name), this.rooms, this);
	}

	@Override
	public Set<String> rooms() {
		return this.rooms.names();
	}

	@Override
	public Set<String> onlineUsers() {
		return this.connections.users();
	}

	@Override
	public Collection<Connection> connections() {
		return List.copyOf(this.connections.connections());
	}

	@Override
	public Optional<Connection> connection(String connectionId) {
		return Optional.ofNullable(this.connections.get(connectionId));
	}

	@Override
	public Mono<Void> disconnect(String connectionId, int code, String reason) {
		return Mono.defer(() -> {
			AbstractConnection connection = this.connections.get(connectionId);
			return (connection != null) ? connection.close(code, reason) : Mono.empty();
		});
	}

	@Override
	public Flux<Publication> subscribe(String topic) {
		return this.broker.subscribe(this.roomNames.check(topic)).onBackpressureBuffer(this.subscriberBuffer);
	}

	/** Adds an open connection to the hub, and to its personal room when it has a user. */
	public void register(AbstractConnection connection) {
		if (this.connections.add(connection) && connection.userId() != null) {
			join(connection, UserRoomAuthorizer.userRoom(connection.userId()));
		}
	}

	/** Removes a closed connection from the hub and from every room it was in. */
	public void unregister(AbstractConnection connection) {
		if (this.connections.remove(connection)) {
			for (String room : connection.rooms()) {
				this.rooms.leave(room, connection);
			}
		}
	}

	/** Adds {@code connection} to {@code room}; whether it was not a member yet. */
	public boolean join(AbstractConnection connection, String room) {
		return join(connection, room, -1) == JoinResult.JOINED;
	}

	/**
	 * Adds {@code connection} to {@code room} unless the room has {@code maxMembers} members on
	 * this node already; a negative {@code maxMembers} is no limit.
	 */
	public JoinResult join(AbstractConnection connection, String room, int maxMembers) {
		JoinResult result = this.rooms.join(room, connection, maxMembers);
		// A connection that closed meanwhile was unregistered before it joined: undo.
		if (this.connections.get(connection.id()) != connection) {
			this.rooms.leave(room, connection);
			return JoinResult.ALREADY_MEMBER;
		}
		return result;
	}

	/** Removes {@code connection} from {@code room}; whether it was a member. */
	public boolean leave(AbstractConnection connection, String room) {
		return this.rooms.leave(room, connection);
	}

	/** Closes every connection with {@link CloseCodes#GOING_AWAY} and stops taking broadcasts. */
	public Mono<Void> shutdown() {
		this.broadcasts.dispose();
		return Flux.fromIterable(this.connections.connections())
			.flatMap((connection) -> connection.close(CloseCodes.GOING_AWAY, "server shutting down"))
			.then();
	}

	/** Number of open connections on this node. */
	public int connectionCount() {
		return this.connections.size();
	}

	private void deliverToAll(Publication publication) {
		OutboundFrame frame = this.codec.encode(publication);
		try {
			this.connections.all().deliver(frame);
		}
		finally {
			frame.release();
		}
	}

	private AbstractConnection required(String connectionId) {
		AbstractConnection connection = this.connections.get(connectionId);
		if (connection == null) {
			throw new IllegalArgumentException("No connection '" + connectionId + "' on this node");
		}
		return connection;
	}

}
