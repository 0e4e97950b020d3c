package dev.realtime.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.security.RoomAccess;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.SlowConsumerPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of realtime, under {@code realtime.*}.
 */
@ConfigurationProperties("realtime")
public class RealtimeProperties {

	/**
	 * Whether to enable realtime.
	 */
	private boolean enabled = true;

	private final WebSocket websocket = new WebSocket();

	private final Sse sse = new Sse();

	private final Api api = new Api();

	private final History history = new History();

	private final Presence presence = new Presence();

	private final Broker broker = new Broker();

	private final Redis redis = new Redis();

	private final Notifications notifications = new Notifications();

	private final Rooms rooms = new Rooms();

	private final Security security = new Security();

	private final Limits limits = new Limits();

	private final Shutdown shutdown = new Shutdown();

	private final Client client = new Client();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public WebSocket getWebsocket() {
		return this.websocket;
	}

	public Sse getSse() {
		return this.sse;
	}

	public Api getApi() {
		return this.api;
	}

	public History getHistory() {
		return this.history;
	}

	public Presence getPresence() {
		return this.presence;
	}

	public Broker getBroker() {
		return this.broker;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Notifications getNotifications() {
		return this.notifications;
	}

	public Rooms getRooms() {
		return this.rooms;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Client getClient() {
		return this.client;
	}

	public static class WebSocket {

		/**
		 * Path of the WebSocket endpoint that speaks the realtime JSON protocol.
		 */
		private String path = "/realtime/ws";

		/**
		 * Interval between the server's pings to each client.
		 */
		private Duration pingInterval = Duration.ofSeconds(25);

		/**
		 * Time without any frame from a client, pongs included, after which it is closed.
		 */
		private Duration idleTimeout = Duration.ofSeconds(60);

		/**
		 * Whether to offer permessage-deflate compression to clients that ask for it. It saves
		 * bytes on the wire but costs CPU for every frame to every compressing client.
		 */
		private boolean compression;

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public boolean isCompression() {
			return this.compression;
		}

		public void setCompression(boolean compression) {
			this.compression = compression;
		}

	}

	public static class Sse {

		/**
		 * Path of the Server-Sent Events endpoint; clients name rooms with ?room=.
		 */
		private String path = "/realtime/sse";

		/**
		 * Interval between heartbeat comments, which keep proxies from closing idle streams.
		 */
		private Duration heartbeatInterval = Duration.ofSeconds(15);

		/**
		 * Reconnection delay advised to clients with the stream's retry field.
		 */
		private Duration retry = Duration.ofSeconds(3);

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getRetry() {
			return this.retry;
		}

		public void setRetry(Duration retry) {
			this.retry = retry;
		}

	}

	public static class Api {

		/**
		 * Whether to serve the HTTP server API, through which backends publish, send and
		 * disconnect.
		 */
		private boolean enabled;

		/**
		 * Path under which the server API's operations and its OpenAPI document are served.
		 */
		private String path = "/realtime/api";

		/**
		 * Key that callers of the server API send in X-API-Key (or Authorization: apikey);
		 * required unless Spring Security's WebFlux filter chain protects the API.
		 */
		private @Nullable String key;

		/**
		 * Largest request body the server API reads; a larger one gets 413.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

	}

	public static class History {

		/**
		 * Publications kept per room for clients that resume; 0 keeps none.
		 */
		private int size = 1000;

		/**
		 * How long a publication stays in its room's history; rooms without members and with
		 * nothing younger are evicted.
		 */
		private Duration ttl = Duration.ofMinutes(10);

		/**
		 * Bytes of publications kept per room; the oldest go first.
		 */
		private DataSize maxRoomSize = DataSize.ofMegabytes(4);

		/**
		 * Bytes of publications kept for every room of the node together; past it, the
		 * histories of the rooms idle the longest are dropped whole, each with a new epoch.
		 */
		private DataSize maxTotalSize = DataSize.ofMegabytes(64);

		/**
		 * Publications one resuming subscription replays at most; past it the client gets the
		 * newest and is told it did not recover.
		 */
		private int maxReplay = 1000;

		/**
		 * Bytes of history one connection may have replayed per second, on average; it may
		 * replay up to max-room-size at once. A replay over it keeps the newest publications
		 * and is not recovered.
		 */
		private DataSize replayRate = DataSize.ofMegabytes(1);

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public DataSize getMaxRoomSize() {
			return this.maxRoomSize;
		}

		public void setMaxRoomSize(DataSize maxRoomSize) {
			this.maxRoomSize = maxRoomSize;
		}

		public DataSize getMaxTotalSize() {
			return this.maxTotalSize;
		}

		public void setMaxTotalSize(DataSize maxTotalSize) {
			this.maxTotalSize = maxTotalSize;
		}

		public int getMaxReplay() {
			return this.maxReplay;
		}

		public void setMaxReplay(int maxReplay) {
			this.maxReplay = maxReplay;
		}

		public DataSize getReplayRate() {
			return this.replayRate;
		}

		public void setReplayRate(DataSize replayRate) {
			this.replayRate = replayRate;
		}

	}

	public static class Presence {

		/**
		 * Patterns of the rooms that send join and leave frames to their members ('*' stands
		 * for any characters); empty for none. Personal rooms never send them.
		 */
		private List<String> joinLeaveRooms = new ArrayList<>(List.of("*"));

		/**
		 * Members a room may have on a node for join and leave frames to be sent there: each
		 * costs one delivery per member.
		 */
		private int joinLeaveMaxMembers = 100;

		/**
		 * How long a node's presence entries live in a shared store without a refresh: how soon
		 * the users of a node that died leave presence.
		 */
		private Duration ttl = Duration.ofSeconds(30);

		/**
		 * How often each node refreshes its presence entries in a shared store; well under the
		 * ttl.
		 */
		private Duration refreshInterval = Duration.ofSeconds(10);

		public List<String> getJoinLeaveRooms() {
			return this.joinLeaveRooms;
		}

		public void setJoinLeaveRooms(List<String> joinLeaveRooms) {
			this.joinLeaveRooms = joinLeaveRooms;
		}

		public int getJoinLeaveMaxMembers() {
			return this.joinLeaveMaxMembers;
		}

		public void setJoinLeaveMaxMembers(int joinLeaveMaxMembers) {
			this.joinLeaveMaxMembers = joinLeaveMaxMembers;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	public static class Broker {

		/**
		 * Which broker carries publications: 'local' (this node's memory) or 'redis' (every node
		 * sharing a Redis, with spring.data.redis.* connection settings).
		 */
		private BrokerType type = BrokerType.LOCAL;

		public BrokerType getType() {
			return this.type;
		}

		public void setType(BrokerType type) {
			this.type = type;
		}

	}

	/**
	 * The brokers the starter offers.
	 */
	public enum BrokerType {

		/** In this node's memory: one node. */
		LOCAL,

		/** On Redis: many nodes behave as one. */
		REDIS

	}

	public static class Redis {

		/**
		 * Prefix of every key and channel the Redis engine uses, so that several applications
		 * (or tests) can share one Redis.
		 */
		private String keyPrefix = "rt:";

		/**
		 * How long a call to Redis may take before a publication fails as unavailable.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Whether to use sharded pub/sub (SSUBSCRIBE/SPUBLISH, Redis 7), so that in Redis
		 * Cluster a publication travels only within the shard that owns its room.
		 */
		private boolean shardedPubsub;

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isShardedPubsub() {
			return this.shardedPubsub;
		}

		public void setShardedPubsub(boolean shardedPubsub) {
			this.shardedPubsub = shardedPubsub;
		}

	}

	public static class Notifications {

		/**
		 * Whether to keep a notifications inbox per user (in Redis with the Redis broker), and
		 * to take the notifications.* frames.
		 */
		private boolean enabled = true;

		/**
		 * Notifications a user keeps, read or not; past it, the oldest go first.
		 */
		private int maxPerUser = 100;

		/**
		 * How long a notification is kept, read or not.
		 */
		private Duration maxAge = Duration.ofDays(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxPerUser() {
			return this.maxPerUser;
		}

		public void setMaxPerUser(int maxPerUser) {
			this.maxPerUser = maxPerUser;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	public static class Rooms {

		/**
		 * Regular expression that room names must match.
		 */
		private String namePattern = RoomNamePolicy.DEFAULT_PATTERN;

		/**
		 * Maximum length of a room name.
		 */
		private int maxNameLength = 128;

		/**
		 * Whether a client must be subscribed to a room to publish in it.
		 */
		private boolean publishRequiresSubscription = true;

		public String getNamePattern() {
			return this.namePattern;
		}

		public void setNamePattern(String namePattern) {
			this.namePattern = namePattern;
		}

		public int getMaxNameLength() {
			return this.maxNameLength;
		}

		public void setMaxNameLength(int maxNameLength) {
			this.maxNameLength = maxNameLength;
		}

		public boolean isPublishRequiresSubscription() {
			return this.publishRequiresSubscription;
		}

		public void setPublishRequiresSubscription(boolean publishRequiresSubscription) {
			this.publishRequiresSubscription = publishRequiresSubscription;
		}

	}

	public static class Security {

		/**
		 * Whether clients without credentials may connect, as anonymous. When unset, they may
		 * only if the application has no way to authenticate them: no Spring Security, no
		 * TokenVerifier and no ReactiveJwtDecoder.
		 */
		private @Nullable Boolean allowAnonymous;

		/**
		 * Origin patterns of the web pages that may connect, besides the server's own origin,
		 * such as 'https://*.example.com', or '*' for any. Requests without an Origin header
		 * (not from a browser) are not checked.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Query parameter that may carry the bearer token, for browsers, which cannot set
		 * headers on a WebSocket; empty to accept the Authorization header only.
		 */
		private String tokenParameter = "token";

		/**
		 * JWT claim that holds the user id, when tokens are verified by a ReactiveJwtDecoder.
		 */
		private String userIdClaim = "sub";

		/**
		 * Who may subscribe to and publish in which rooms; the first rule whose pattern
		 * matches a room decides, and rooms that none matches are open to anyone.
		 */
		private List<RoomRule> roomRules = new ArrayList<>();

		public @Nullable Boolean getAllowAnonymous() {
			return this.allowAnonymous;
		}

		public void setAllowAnonymous(@Nullable Boolean allowAnonymous) {
			this.allowAnonymous = allowAnonymous;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public String getTokenParameter() {
			return this.tokenParameter;
		}

		public void setTokenParameter(String tokenParameter) {
			this.tokenParameter = tokenParameter;
		}

		public String getUserIdClaim() {
			return this.userIdClaim;
		}

		public void setUserIdClaim(String userIdClaim) {
			this.userIdClaim = userIdClaim;
		}

		public List<RoomRule> getRoomRules() {
			return this.roomRules;
		}

		public void setRoomRules(List<RoomRule> roomRules) {
			this.roomRules = roomRules;
		}

		public static class RoomRule {

			/**
			 * Room names the rule applies to, where '*' stands for any characters.
			 */
			private String pattern = "*";

			/**
			 * Who may subscribe to these rooms and see their presence.
			 */
			private RoomAccess subscribe = RoomAccess.ANYONE;

			/**
			 * Who may publish in these rooms.
			 */
			private RoomAccess publish = RoomAccess.ANYONE;

			public String getPattern() {
				return this.pattern;
			}

			public void setPattern(String pattern) {
				this.pattern = pattern;
			}

			public RoomAccess getSubscribe() {
				return this.subscribe;
			}

			public void setSubscribe(RoomAccess subscribe) {
				this.subscribe = subscribe;
			}

			public RoomAccess getPublish() {
				return this.publish;
			}

			public void setPublish(RoomAccess publish) {
				this.publish = publish;
			}

		}

	}

	public static class Limits {

		/**
		 * Largest message a client may send, as one frame or all the fragments of one message
		 * together, after decompression; a larger one closes the connection with 1009.
		 */
		private DataSize maxFrameSize = DataSize.ofKilobytes(64);

		/**
		 * Data a client may still send after the server's close frame, read and discarded so
		 * that the client can read the close code (the rest of a message too large, say),
		 * before its socket is dropped.
		 */
		private DataSize maxSwallowSize = DataSize.ofMegabytes(8);

		/**
		 * Deepest nesting of objects and arrays in a client frame; deeper frames get a
		 * bad_request error.
		 */
		private int maxJsonDepth = 32;

		/**
		 * Frames a client may send per second, on average; 0 for no limit. Frames beyond it get
		 * a rate_limited error.
		 */
		private int messagesPerSecond = 50;

		/**
		 * Frames a client may send at once beyond its rate; a client that sends as many again
		 * despite rate_limited errors is closed with 1008.
		 */
		private int messageBurst = 100;

		/**
		 * Connections this node accepts in total; further handshakes get HTTP 503. -1 for no
		 * limit.
		 */
		private int maxConnections = 10_000;

		/**
		 * Connections one user may have on this node; further handshakes get HTTP 429. -1 for
		 * no limit.
		 */
		private int maxConnectionsPerUser = 20;

		/**
		 * Connections one client address may have on this node; further handshakes get HTTP
		 * 429. -1 for no limit. Behind a proxy, the address is the client's only with
		 * server.forward-headers-strategy set; else every client has the proxy's.
		 */
		private int maxConnectionsPerAddress = 1000;

		/**
		 * Handshakes, WebSocket and SSE alike, one client address may make per second on
		 * average, refused ones included; further ones get HTTP 429. 0 for no limit.
		 */
		private int handshakesPerSecondPerAddress = 20;

		/**
		 * Handshakes one client address may make at once beyond its rate, such as the
		 * reconnections of the clients behind one NAT after a restart.
		 */
		private int handshakeBurstPerAddress = 100;

		/**
		 * Handshakes, WebSocket and SSE alike, being checked and authenticated on this node at
		 * once; further ones get HTTP 503 with a Retry-After of one second at once, instead of
		 * piling up in a reconnect storm. -1 for no limit.
		 */
		private int maxConcurrentHandshakes = 256;

		/**
		 * History reads of resuming subscriptions running at once on this node; further ones
		 * wait their turn, first come first served, while their rooms' live frames are held.
		 * -1 for no limit.
		 */
		private int maxConcurrentReplays = 64;

		/**
		 * TCP connections the server holds at once, HTTP requests and connections still
		 * sending their first request included; further sockets are closed as soon as they are
		 * accepted. -1 for no limit. Defaults to 90% of the process's open-file limit, so that a
		 * flood of sockets cannot exhaust it.
		 */
		private @Nullable Integer maxOpenConnections;

		/**
		 * Time a client has to send a whole request head, from when its connection opens or
		 * its previous response ends, and for a WebSocket handshake to complete; then the
		 * connection is closed, however many bytes trickled in. 0 for no limit.
		 */
		private Duration requestHeadTimeout = Duration.ofSeconds(10);

		/**
		 * Time a keep-alive connection has for the whole head of its next request. Longer than
		 * the idle timeout of proxies and load balancers in front (60s for nginx and AWS), so
		 * that none sends a request on a connection the server is closing. 0 for no limit.
		 */
		private Duration keepAliveTimeout = Duration.ofSeconds(75);

		/**
		 * Rooms a connection may be in, its personal room included; further subscriptions get a
		 * too_many_rooms error. -1 for no limit.
		 */
		private int maxRoomsPerConnection = 100;

		/**
		 * Members a room may have on this node through client subscriptions; further ones get a
		 * room_full error. -1 for no limit but max-connections.
		 */
		private int maxRoomMembers = -1;

		/**
		 * Bytes that may wait for a client in its socket buffer, and again in its backlog under
		 * drop-oldest or conflate, before the slow-consumer policy applies.
		 */
		private DataSize outboundBuffer = DataSize.ofMegabytes(1);

		/**
		 * Frames that may wait for a client in its socket buffer, and again in its backlog,
		 * before the slow-consumer policy applies.
		 */
		private int outboundFrames = 4096;

		/**
		 * Time a client may take nothing while frames are held back for it, before it is
		 * closed with 4000.
		 */
		private Duration sendTimeout = Duration.ofSeconds(10);

		/**
		 * What happens to a client that reads too slowly: disconnect (close 4000), drop-oldest,
		 * or conflate (keep the newest publication per room).
		 */
		private SlowConsumerPolicy slowConsumer = SlowConsumerPolicy.DISCONNECT;

		/**
		 * Slow-consumer policies by room pattern; the first rule whose pattern matches a room
		 * decides, and the others follow slow-consumer.
		 */
		private List<SlowConsumerRule> slowConsumerRules = new ArrayList<>();

		/**
		 * Publications an in-app subscriber may lag behind before its subscription fails.
		 */
		private int subscriberBuffer = 1024;

		public int getMaxConcurrentHandshakes() {
			return this.maxConcurrentHandshakes;
		}

		public void setMaxConcurrentHandshakes(int maxConcurrentHandshakes) {
			this.maxConcurrentHandshakes = maxConcurrentHandshakes;
		}

		public int getMaxConcurrentReplays() {
			return this.maxConcurrentReplays;
		}

		public void setMaxConcurrentReplays(int maxConcurrentReplays) {
			this.maxConcurrentReplays = maxConcurrentReplays;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public DataSize getMaxSwallowSize() {
			return this.maxSwallowSize;
		}

		public void setMaxSwallowSize(DataSize maxSwallowSize) {
			this.maxSwallowSize = maxSwallowSize;
		}

		public int getMaxJsonDepth() {
			return this.maxJsonDepth;
		}

		public void setMaxJsonDepth(int maxJsonDepth) {
			this.maxJsonDepth = maxJsonDepth;
		}

		public int getMessagesPerSecond() {
			return this.messagesPerSecond;
		}

		public void setMessagesPerSecond(int messagesPerSecond) {
			this.messagesPerSecond = messagesPerSecond;
		}

		public int getMessageBurst() {
			return this.messageBurst;
		}

		public void setMessageBurst(int messageBurst) {
			this.messageBurst = messageBurst;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxConnectionsPerUser() {
			return this.maxConnectionsPerUser;
		}

		public void setMaxConnectionsPerUser(int maxConnectionsPerUser) {
			this.maxConnectionsPerUser = maxConnectionsPerUser;
		}

		public int getMaxConnectionsPerAddress() {
			return this.maxConnectionsPerAddress;
		}

		public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		}

		public int getHandshakesPerSecondPerAddress() {
			return this.handshakesPerSecondPerAddress;
		}

		public void setHandshakesPerSecondPerAddress(int handshakesPerSecondPerAddress) {
			this.handshakesPerSecondPerAddress = handshakesPerSecondPerAddress;
		}

		public int getHandshakeBurstPerAddress() {
			return this.handshakeBurstPerAddress;
		}

		public void setHandshakeBurstPerAddress(int handshakeBurstPerAddress) {
			this.handshakeBurstPerAddress = handshakeBurstPerAddress;
		}

		public @Nullable Integer getMaxOpenConnections() {
			return this.maxOpenConnections;
		}

		public void setMaxOpenConnections(@Nullable Integer maxOpenConnections) {
			this.maxOpenConnections = maxOpenConnections;
		}

		public Duration getRequestHeadTimeout() {
			return this.requestHeadTimeout;
		}

		public void setRequestHeadTimeout(Duration requestHeadTimeout) {
			this.requestHeadTimeout = requestHeadTimeout;
		}

		public Duration getKeepAliveTimeout() {
			return this.keepAliveTimeout;
		}

		public void setKeepAliveTimeout(Duration keepAliveTimeout) {
			this.keepAliveTimeout = keepAliveTimeout;
		}

		public int getMaxRoomsPerConnection() {
			return this.maxRoomsPerConnection;
		}

		public void setMaxRoomsPerConnection(int maxRoomsPerConnection) {
			this.maxRoomsPerConnection = maxRoomsPerConnection;
		}

		public int getMaxRoomMembers() {
			return this.maxRoomMembers;
		}

		public void setMaxRoomMembers(int maxRoomMembers) {
			this.maxRoomMembers = maxRoomMembers;
		}

		public DataSize getOutboundBuffer() {
			return this.outboundBuffer;
		}

		public void setOutboundBuffer(DataSize outboundBuffer) {
			this.outboundBuffer = outboundBuffer;
		}

		public int getOutboundFrames() {
			return this.outboundFrames;
		}

		public void setOutboundFrames(int outboundFrames) {
			this.outboundFrames = outboundFrames;
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			this.sendTimeout = sendTimeout;
		}

		public SlowConsumerPolicy getSlowConsumer() {
			return this.slowConsumer;
		}

		public void setSlowConsumer(SlowConsumerPolicy slowConsumer) {
			this.slowConsumer = slowConsumer;
		}

		public List<SlowConsumerRule> getSlowConsumerRules() {
			return this.slowConsumerRules;
		}

		public void setSlowConsumerRules(List<SlowConsumerRule> slowConsumerRules) {
			this.slowConsumerRules = slowConsumerRules;
		}

		public int getSubscriberBuffer() {
			return this.subscriberBuffer;
		}

		public void setSubscriberBuffer(int subscriberBuffer) {
			this.subscriberBuffer = subscriberBuffer;
		}

		public static class SlowConsumerRule {

			/**
			 * Room names the rule applies to, where '*' stands for any characters.
			 */
			private String pattern = "*";

			/**
			 * What happens to these rooms' publications for a client that reads too slowly.
			 */
			private SlowConsumerPolicy policy = SlowConsumerPolicy.DISCONNECT;

			public String getPattern() {
				return this.pattern;
			}

			public void setPattern(String pattern) {
				this.pattern = pattern;
			}

			public SlowConsumerPolicy getPolicy() {
				return this.policy;
			}

			public void setPolicy(SlowConsumerPolicy policy) {
				this.policy = policy;
			}

		}

	}

	public static class Shutdown {

		/**
		 * Time given to close every connection with 1001 when the application stops; it stops
		 * after that even if some could not be closed.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Time over which connections are closed with 1001, in batches, when the application
		 * stops, so that their clients do not all reconnect to the other nodes in the same
		 * second. At most half the timeout; zero closes them all at once.
		 */
		private Duration drainPeriod = Duration.ofSeconds(5);

		/**
		 * Connections closed per batch of the drain; by default, as many as spreads them evenly
		 * over the drain period, a batch every 100 ms.
		 */
		private @Nullable Integer drainBatchSize;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getDrainPeriod() {
			return this.drainPeriod;
		}

		public void setDrainPeriod(Duration drainPeriod) {
			this.drainPeriod = drainPeriod;
		}

		public @Nullable Integer getDrainBatchSize() {
			return this.drainBatchSize;
		}

		public void setDrainBatchSize(@Nullable Integer drainBatchSize) {
			this.drainBatchSize = drainBatchSize;
		}

	}

	public static class Client {

		/**
		 * Whether to serve the JavaScript client and the configuration it reads.
		 */
		private boolean enabled = true;

		/**
		 * Path under which the JavaScript client (client.js) and its configuration (config) are
		 * served.
		 */
		private String path = "/realtime";

		/**
		 * Delay before a client's first reconnection attempt; it doubles after each failed
		 * attempt, with random jitter.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Longest delay between a client's reconnection attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

}
