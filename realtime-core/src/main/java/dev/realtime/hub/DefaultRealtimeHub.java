package dev.realtime.hub;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.Room;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import dev.realtime.history.HistoryStore;
import dev.realtime.history.Replay;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
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

	private final HistoryStore history;

	private final ProtocolCodec codec;

	private final RoomNamePolicy roomNames;

	private final int subscriberBuffer;

	private final RealtimeMetrics metrics;

	private final String nodeId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

	private final ConnectionRegistry connections = new ConnectionRegistry();

	private final RoomRegistry rooms;

	private final Disposable broadcasts;

	/**
	 * @param broker moves publications between nodes
	 * @param history the rooms' recent publications, for subscribers that resume
	 * @param codec encodes frames, once per publication
	 * @param roomNames which room names the hub accepts
	 * @param subscriberBuffer publications a {@link #subscribe} subscriber may lag behind before
	 * it fails with an overflow
	 * @param metrics what the hub and its connections report to
	 */
	public DefaultRealtimeHub(Broker broker, HistoryStore history, ProtocolCodec codec, RoomNamePolicy roomNames,
			int subscriberBuffer, RealtimeMetrics metrics) {
		this.broker = broker;
		this.history = history;
		this.codec = codec;
		this.roomNames = roomNames;
		this.subscriberBuffer = subscriberBuffer;
		this.metrics = metrics;
		this.rooms = new RoomRegistry(broker, codec, metrics);
		this.broadcasts = broker.subscribe(Broker.BROADCAST)
			.subscribe(this::deliverToAll, (ex) -> logger.error("Broadcast subscription failed", ex));
	}

	@Override
	public Mono<Publication> publish(String room, Event event) {
		return Mono.defer(() -> publishTo(this.roomNames.check(room), event));
	}

	@Override
	public Mono<Void> broadcast(Event event) {
		return publishTo(Broker.BROADCAST, event).then();
	}

	private Mono<Publication> publishTo(String topic, Event event) {
		return this.broker.publish(topic, event)
			.doOnNext((publication) -> this.metrics.published())
			.doOnError((ex) -> this.metrics.brokerFailure());
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
		connection.metrics = this.metrics;
		if (!this.connections.add(connection)) {
			return;
		}
		this.metrics.connectionOpened(connection.transport());
		if (connection.userId() != null && connection.joinsPersonalRoom()) {
			join(connection, UserRoomAuthorizer.userRoom(connection.userId()));
		}
	}

	/** Removes a closed connection from the hub and from every room it was in. */
	public void unregister(AbstractConnection connection) {
		if (this.connections.remove(connection)) {
			this.metrics.connectionClosed(connection.transport());
			for (String room : connection.rooms()) {
				this.rooms.leave(room, connection);
			}
			connection.lane().execute(connection::dropGates);
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
		boolean left = this.rooms.leave(room, connection);
		connection.lane().execute(() -> connection.dropGate(room));
		return left;
	}

	/**
	 * Subscribes {@code connection} to {@code room} with no gap and no duplicate at the seam
	 * between history and live publications.
	 * <ol>
	 * <li>On the connection's lane, live frames of the room start being held, then it joins.</li>
	 * <li>The history answers from {@code since} (or, without it, with the room's position).</li>
	 * <li>On the lane again: {@code reply} is written first, then the replayed publications, then
	 * the held live frames past the replay; later live frames the replay covered are skipped.</li>
	 * </ol>
	 * @param since where the client stands, or {@code null} to start from now
	 * @param reply encodes the frame that answers the subscription, written before any
	 * publication of it; may return {@code null} for none
	 */
	public Mono<Replay> subscribe(AbstractConnection connection, String room, @Nullable StreamPosition since,
			Function<Replay, @Nullable OutboundFrame> reply) {
		return subscribe(connection, room, since, -1, reply);
	}

	/**
	 * {@link #subscribe(AbstractConnection, String, StreamPosition, Function) Subscribes}, unless
	 * the room has {@code maxMembers} members on this node already (negative for no limit), in
	 * which case it fails with {@link RoomFullException}.
	 */
	public Mono<Replay> subscribe(AbstractConnection connection, String room, @Nullable StreamPosition since,
			int maxMembers, Function<Replay, @Nullable OutboundFrame> reply) {
		Lane lane = connection.lane();
		return Mono.<Void>create((sink) -> lane.execute(() -> {
			connection.holdRoom(room);
			if (join(connection, room, maxMembers) == JoinResult.FULL) {
				connection.dropGate(room);
				sink.error(new RoomFullException(room));
				return;
			}
			sink.success();
		}))
			.then((since != null) ? this.history.since(room, since)
					: this.history.position(room).map((position) -> new Replay(List.of(), true, position)))
			.flatMap((replay) -> Mono.create((sink) -> lane.execute(() -> {
				try {
					writeReplay(connection, room, replay, reply);
					sink.success(replay);
				}
				catch (RuntimeException ex) {
					connection.dropGate(room);
					sink.error(ex);
				}
			})));
	}

	private void writeReplay(AbstractConnection connection, String room, Replay replay,
			Function<Replay, @Nullable OutboundFrame> reply) {
		OutboundFrame answer = reply.apply(replay);
		if (answer != null) {
			writeNow(connection, answer);
		}
		for (Publication publication : replay.publications()) {
			writeNow(connection, this.codec.encode(publication));
		}
		connection.releaseRoom(room, replay.position().offset());
	}

	private static void writeNow(AbstractConnection connection, OutboundFrame frame) {
		try {
			connection.lane().writeNow(connection, frame);
		}
		finally {
			frame.release();
		}
	}

	/** Closes every connection with {@link CloseCodes#GOING_AWAY} and stops taking broadcasts. */
	public Mono<Void> shutdown() {
		this.broadcasts.dispose();
		return Flux.fromIterable(this.connections.connections())
			.flatMap((connection) -> connection.close(CloseCodes.GOING_AWAY, "server shutting down"))
			.then();
	}

	/** Whether {@code room} has members on this node. */
	public boolean hasMembers(String room) {
		return this.rooms.get(room) != null;
	}

	/** Number of open connections on this node. */
	public int connectionCount() {
		return this.connections.size();
	}

	/** Number of rooms with members on this node. */
	public int roomCount() {
		return this.rooms.size();
	}

	/** Number of room memberships on this node: each connection counted once per room. */
	public int subscriptionCount() {
		return this.rooms.memberships();
	}

	/** Identifies this node for as long as it runs. */
	public String nodeId() {
		return this.nodeId;
	}

	/** What the hub and its connections report to. */
	public RealtimeMetrics metrics() {
		return this.metrics;
	}

	/** The broker this hub publishes through. */
	public Broker broker() {
		return this.broker;
	}

	private void deliverToAll(Publication publication) {
		this.connections.all().deliver(publication, this.codec, this.metrics);
	}

	private AbstractConnection required(String connectionId) {
		AbstractConnection connection = this.connections.get(connectionId);
		if (connection == null) {
			throw new IllegalArgumentException("No connection '" + connectionId + "' on this node");
		}
		return connection;
	}

}
