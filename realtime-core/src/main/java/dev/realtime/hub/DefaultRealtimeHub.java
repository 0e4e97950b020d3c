package dev.realtime.hub;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.realtime.ClientInfo;
import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.EncodedEvent;
import dev.realtime.Event;
import dev.realtime.PresenceStats;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.RealtimePrincipal;
import dev.realtime.Room;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.Replay;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.presence.PresenceStore;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link RealtimeHub} of one node: its connections and rooms, fed by a {@link Broker}, with
 * presence in a {@link PresenceStore}.
 * <p>
 * Transports {@link #register} each connection once it is open and {@link #unregister} it when
 * it closes; a connection with a user id is a member of its personal room
 * {@code user:{id}} for as long as it is registered, which is how {@link #sendToUser} reaches
 * every device of the user on every node. The hub fans publications out to lanes; each
 * transport encodes them, once per node.
 */
public final class DefaultRealtimeHub implements RealtimeHub {

	private static final Logger logger = LoggerFactory.getLogger(DefaultRealtimeHub.class);

	/** Presence of every connection with a user, in one internal room: who is online anywhere. */
	private static final String USERS = Broker.INTERNAL_PREFIX + "users";

	/** Presence of every node, with its connections and last heartbeat. */
	private static final String NODES = Broker.INTERNAL_PREFIX + "nodes";

	private final Broker broker;

	private final PresenceStore presence;

	private final JsonMapper mapper;

	private final RoomNamePolicy roomNames;

	private final HubSettings settings;

	private final ReplayQueue replays;

	private final RealtimeMetrics metrics;

	private final String nodeId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

	private final ConnectionRegistry connections = new ConnectionRegistry();

	private final RoomRegistry rooms;

	private volatile @Nullable Disposable broadcasts;

	private volatile @Nullable Disposable commands;

	private final ClusterControl control = new ClusterControl(this);

	private final Disposable nodeHeartbeat;

	/**
	 * @param broker owns the rooms' streams and moves publications between nodes
	 * @param presence who is in each room
	 * @param mapper the application's mapper, which writes each event once
	 * @param roomNames which room names the hub accepts
	 * @param settings how the hub serves subscribers
	 * @param metrics what the hub and its connections report to
	 */
	public DefaultRealtimeHub(Broker broker, PresenceStore presence, JsonMapper mapper, RoomNamePolicy roomNames,
			HubSettings settings, RealtimeMetrics metrics) {
		this.broker = broker;
		this.presence = presence;
		this.mapper = mapper;
		this.roomNames = roomNames;
		this.settings = settings;
		this.replays = new ReplayQueue(settings.maxConcurrentReplays());
		this.metrics = metrics;
		this.rooms = new RoomRegistry(broker, metrics, settings.joinLeave());
		// A broadcast reaches connections as a message in no room: the topic is the hub's own.
		BrokerListener everyone = (publication) -> this.connections.all()
			.deliver(OutboundFrame.publication(Publication.direct(publication.event())), this.metrics);
		broker.subscribe(Broker.BROADCAST, everyone)
			.subscribe((subscription) -> this.broadcasts = subscription,
					(ex) -> logger.error("Broadcast subscription failed", ex));
		broker.subscribe(ClusterControl.TOPIC, this.control)
			.subscribe((subscription) -> this.commands = subscription,
					(ex) -> logger.error("Cluster command subscription failed", ex));
		this.nodeHeartbeat = Flux.interval(Duration.ZERO, settings.nodeHeartbeat())
			.onBackpressureDrop()
			.concatMap((tick) -> presence.add(NODES, nodeInfo()).onErrorResume((ex) -> {
				logger.debug("Node heartbeat failed", ex);
				return Mono.empty();
			}))
			.subscribe();
	}

	private ClientInfo nodeInfo() {
		return new ClientInfo(this.nodeId, null,
				Map.of("connections", this.connections.size(), "heartbeat", System.currentTimeMillis()));
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
		return Mono.fromSupplier(() -> encode(event))
			.flatMap((encoded) -> this.broker.publish(topic, encoded))
			.doOnNext((publication) -> this.metrics.published())
			.doOnError((ex) -> this.metrics.brokerFailure());
	}

	/** {@code event} written once, as it crosses the broker. */
	EncodedEvent encode(Event event) {
		return EncodedEvent.of(event, this.mapper);
	}

	@Override
	public Mono<Publication> sendToUser(String userId, Event event) {
		return publish(UserRoomAuthorizer.userRoom(userId), event);
	}

	@Override
	public Mono<Void> sendToConnection(String connectionId, Event event) {
		return Mono.defer(() -> {
			AbstractConnection connection = this.connections.get(connectionId);
			if (connection != null) {
				connection.send(event);
				return Mono.empty();
			}
			return this.control.send(connectionId, event);
		});
	}

	@Override
	public Mono<Void> join(String connectionId, String room) {
		return Mono.fromRunnable(() -> join(required(connectionId), this.roomNames.check(room)));
	}

	@Override
	public Mono<Void> leave(String connectionId, String room) {
		return Mono.fromRunnable(() -> leave(required(connectionId), room));
	}

	@Override
	public Mono<List<ClientInfo>> presence(String room) {
		return this.presence.presence(room).map((clients) -> List.copyOf(clients.values()));
	}

	@Override
	public Mono<PresenceStats> presenceStats(String room) {
		return this.presence.stats(room);
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
	public Mono<Set<String>> allOnlineUsers() {
		return this.presence.presence(USERS).map((clients) -> {
			Set<String> users = new HashSet<>();
			clients.values().forEach((client) -> users.add(Objects.requireNonNull(client.userId())));
			return Set.copyOf(users);
		});
	}

	@Override
	public Mono<Boolean> isOnline(String userId) {
		return this.presence.stats(UserRoomAuthorizer.userRoom(userId)).map((stats) -> stats.connections() > 0);
	}

	@Override
	public Mono<List<ClientInfo>> nodes() {
		return this.presence.presence(NODES).map((nodes) -> List.copyOf(nodes.values()));
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
			return (connection != null) ? connection.close(code, reason)
					: this.control.disconnect(connectionId, code, reason);
		});
	}

	@Override
	public Mono<Void> disconnectUser(String userId, int code, String reason) {
		// Through the broker even with one node, so that every node, this one too, closes its own.
		return this.control.disconnectUser(userId, code, reason);
	}

	/** Closes the connections of user {@code userId} on this node. */
	void disconnectLocalUser(String userId, int code, String reason) {
		// A scan rather than an index by user: logouts and bans are rare, connections many.
		for (AbstractConnection connection : this.connections.connections()) {
			if (userId.equals(connection.userId())) {
				connection.close(code, reason).subscribe();
			}
		}
	}

	/** The connection {@code connectionId} of this node, or {@code null}. */
	@Nullable AbstractConnection local(String connectionId) {
		return this.connections.get(connectionId);
	}

	@Override
	public Flux<Publication> subscribe(String topic) {
		String room = this.roomNames.check(topic);
		return Flux.<Publication>create((sink) -> this.broker.subscribe(room, sink::next)
			.subscribe((subscription) -> sink.onDispose(subscription), sink::error))
			.onBackpressureBuffer(this.settings.subscriberBuffer());
	}

	/** Adds an open connection to the hub, and to its personal room when it has a user. */
	public void register(AbstractConnection connection) {
		connection.registered(this);
		if (!this.connections.add(connection)) {
			return;
		}
		this.metrics.connectionOpened(connection.transport());
		connection.expireCredentials();
		if (connection.userId() != null) {
			this.presence.add(USERS, connection.clientInfo())
				.subscribe(null, (ex) -> logger.warn("Recording that {} is online failed", connection, ex));
			if (connection.joinsPersonalRoom()) {
				join(connection, UserRoomAuthorizer.userRoom(connection.userId()));
			}
		}
	}

	/**
	 * Gives {@code client} refreshed credentials, if they are its user's: it is then closed with
	 * {@link CloseCodes#CREDENTIALS_EXPIRED} when these expire instead. A connection stays its
	 * user's, since its rooms and permissions were granted to them.
	 * @return whether the credentials were taken; {@code false} when they are another user's
	 */
	public boolean refresh(Connection client, RealtimePrincipal principal) {
		AbstractConnection connection = registered(client);
		if (!Objects.equals(connection.userId(), principal.userId())) {
			return false;
		}
		connection.refreshed(principal);
		return true;
	}

	/** Removes a closed connection from the hub and from every room it was in. */
	public void unregister(AbstractConnection connection) {
		if (this.connections.remove(connection)) {
			this.metrics.connectionClosed(connection.transport());
			connection.cancelExpiry();
			if (connection.userId() != null) {
				this.presence.remove(USERS, connection.id())
					.subscribe(null, (ex) -> logger.warn("Recording that {} left failed", connection, ex));
			}
			for (String room : connection.rooms()) {
				leave(connection, room);
			}
			connection.lane().execute(connection::dropGates);
		}
	}

	/**
	 * Adds {@code connection} to {@code room}; whether it was not a member yet. Should the room's
	 * broker subscription fail, the connection is out of the room and closed with
	 * {@link CloseCodes#TRY_AGAIN_LATER}: no client asked for the room, so none hears of it.
	 */
	private boolean join(AbstractConnection connection, String room) {
		RoomRegistry.Joined joined = join(connection, room, -1);
		if (joined.result() == JoinResult.JOINED && joined.room() != null) {
			joined.room()
				.live()
				.doOnError((ex) -> connection.close(CloseCodes.TRY_AGAIN_LATER, "a room is unavailable").subscribe())
				.then(this.presence.add(room, connection.clientInfo()))
				.then(announceJoin(connection, joined.room()))
				.subscribe(null,
					(ex) -> logger.warn("{} could not join room '{}'", connection, room, ex));
		}
		return joined.result() == JoinResult.JOINED;
	}

	private RoomRegistry.Joined join(AbstractConnection connection, String room, int maxMembers) {
		RoomRegistry.Joined joined = this.rooms.join(room, connection, maxMembers);
		// A connection that closed meanwhile was unregistered before it joined: undo.
		if (this.connections.get(connection.id()) != connection) {
			this.rooms.leave(room, connection);
			return new RoomRegistry.Joined(JoinResult.ALREADY_MEMBER, joined.room());
		}
		return joined;
	}

	/** Removes {@code connection} from {@code room}; whether it was a member. */
	public boolean leave(Connection connection, String room) {
		AbstractConnection member = registeredOrClosed(connection);
		LocalRoom local = this.rooms.get(room);
		boolean sendsLeave = local != null && local.sendsJoinLeave();
		boolean left = this.rooms.leave(room, member);
		member.lane().execute(() -> member.dropGate(room));
		if (left) {
			ClientInfo client = member.clientInfo();
			this.presence.remove(room, member.id())
				.then((sendsLeave && client.userId() != null) ? this.broker.publishLeave(room, client) : Mono.empty())
				.subscribe(null, (ex) -> logger.warn("Announcing that {} left room '{}' failed", member, room, ex));
		}
		return left;
	}

	/**
	 * Subscribes {@code connection} to {@code room} with no gap and no duplicate at the seam
	 * between history and live publications, unless the room has {@code maxMembers} members on
	 * this node already (negative for no limit), in which case it fails with
	 * {@link RoomFullException}.
	 * <ol>
	 * <li>On the connection's lane, live frames of the room start being held, then it joins.</li>
	 * <li>Once the room's broker subscription is live, the broker answers from {@code since} (or,
	 * without it, with the room's position).</li>
	 * <li>The connection enters the room's presence.</li>
	 * <li>On the lane again: {@code reply} is written first, then the replayed publications, then
	 * the held live frames past the replay; later live frames the replay covered are skipped.</li>
	 * <li>Its join is announced.</li>
	 * </ol>
	 * @param since where the client stands, or {@code null} to start from now
	 * @param reply the text answering the subscription, written before any publication of it;
	 * may return {@code null} for none
	 */
	public Mono<Replay> subscribe(Connection client, String room, @Nullable StreamPosition since, int maxMembers,
			Function<Replay, @Nullable String> reply) {
		return Mono.defer(() -> subscribe(registered(client), room, since, maxMembers, reply));
	}

	private Mono<Replay> subscribe(AbstractConnection connection, String room, @Nullable StreamPosition since,
			int maxMembers, Function<Replay, @Nullable String> reply) {
		Lane lane = connection.lane();
		return Mono.<RoomRegistry.Joined>create((sink) -> lane.execute(() -> {
			connection.holdRoom(room);
			RoomRegistry.Joined joined = join(connection, room, maxMembers);
			if (joined.result() == JoinResult.FULL || joined.room() == null) {
				connection.dropGate(room);
				sink.error(new RoomFullException(room));
				return;
			}
			sink.success(joined);
		}))
			.flatMap((joined) -> joined.room()
				.live()
				.then((since != null) ? this.replays.run(this.broker.history(room, since, this.settings.maxReplay()))
						: this.broker.position(room).map(Replay::from))
				// Present before the reply, so that whoever hears of the subscription finds the
				// member in the room; its own join comes after the reply.
				.flatMap((replay) -> ((joined.result() == JoinResult.JOINED)
						? this.presence.add(room, connection.clientInfo()) : Mono.<Void>empty()).thenReturn(replay))
				.flatMap((replay) -> Mono.<Replay>create((sink) -> lane.execute(() -> {
					try {
						sink.success(writeReplay(connection, room, replay, reply));
					}
					catch (RuntimeException ex) {
						connection.dropGate(room);
						sink.error(ex);
					}
				})))
				.flatMap((replay) -> ((joined.result() == JoinResult.JOINED) ? announceJoin(connection, joined.room())
						: Mono.<Void>empty()).thenReturn(replay)))
			.doOnError((ex) -> {
				if (!(ex instanceof RoomFullException)) {
					leave(connection, room);
				}
			});
	}

	private Mono<Void> announceJoin(AbstractConnection connection, LocalRoom room) {
		ClientInfo client = connection.clientInfo();
		return (room.sendsJoinLeave() && client.userId() != null) ? this.broker.publishJoin(room.name(), client)
				: Mono.empty();
	}

	/** Writes the reply, the replay as far as the connection's budget allows, then the held frames. */
	private Replay writeReplay(AbstractConnection connection, String room, Replay whole,
			Function<Replay, @Nullable String> reply) {
		Replay replay = whole;
		if (!whole.publications().isEmpty()) {
			if (connection.replayBudget == null) {
				connection.replayBudget = new ReplayBudget(this.settings.replayBytesPerSecond(),
						this.settings.replayBurstBytes());
			}
			replay = connection.replayBudget.spend(whole);
		}
		String answer = reply.apply(replay);
		if (answer != null) {
			writeNow(connection, OutboundFrame.encoded(connection.subscribedFrame(room, replay, answer)));
		}
		for (Publication publication : replay.publications()) {
			writeNow(connection, OutboundFrame.publication(publication));
		}
		connection.releaseRoom(room, replay.position().offset());
		return replay;
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
		for (Disposable subscription : new Disposable[] { this.broadcasts, this.commands, this.nodeHeartbeat }) {
			if (subscription != null) {
				subscription.dispose();
			}
		}
		this.presence.remove(NODES, this.nodeId).subscribe(null, (ex) -> logger.debug("Leaving the nodes failed", ex));
		return Flux.fromIterable(this.connections.connections())
			.flatMap((connection) -> connection.close(CloseCodes.GOING_AWAY, "server shutting down"))
			.then();
	}

	/**
	 * Completes once this node's broker subscription of {@code room} is live, so that whatever is
	 * published from then on reaches its members here; at once when it has no members here.
	 */
	public Mono<Void> live(String room) {
		LocalRoom local = this.rooms.get(room);
		return (local != null) ? local.live() : Mono.empty();
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

	/** Resuming subscriptions waiting for their turn to read history. */
	public int replaysWaiting() {
		return this.replays.waiting();
	}

	/** Bytes written to this node's connections that their clients have not taken yet. */
	public long pendingBytes() {
		long pending = 0;
		for (AbstractConnection connection : this.connections.connections()) {
			pending += connection.pendingBytes();
		}
		return pending;
	}

	/** Bytes written to connection {@code connectionId} that its client has not taken yet. */
	public long pendingBytes(String connectionId) {
		AbstractConnection connection = this.connections.get(connectionId);
		return (connection != null) ? connection.pendingBytes() : 0;
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

	private AbstractConnection registered(Connection connection) {
		AbstractConnection registered = this.connections.get(connection.id());
		if (registered != connection) {
			throw new IllegalArgumentException(connection + " is not registered with this hub");
		}
		return registered;
	}

	/** The hub's own type of {@code connection}, which may have closed and left already. */
	private AbstractConnection registeredOrClosed(Connection connection) {
		if (connection instanceof AbstractConnection own) {
			return own;
		}
		throw new IllegalArgumentException(connection + " is not a connection of this hub");
	}

	private AbstractConnection required(String connectionId) {
		AbstractConnection connection = this.connections.get(connectionId);
		if (connection == null) {
			throw new IllegalArgumentException("No connection '" + connectionId + "' on this node");
		}
		return connection;
	}

}
