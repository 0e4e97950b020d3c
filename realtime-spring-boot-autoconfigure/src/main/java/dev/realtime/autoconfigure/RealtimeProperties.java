package dev.realtime.autoconfigure;

import java.time.Duration;

import dev.realtime.security.RoomNamePolicy;
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

	private final History history = new History();

	private final Rooms rooms = new Rooms();

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

	public History getHistory() {
		return this.history;
	}

	public Rooms getRooms() {
		return this.rooms;
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

	public static class Limits {

		/**
		 * Largest frame a client may send; a larger one closes the connection with 1009.
		 */
		private DataSize maxFrameSize = DataSize.ofKilobytes(64);

		/**
		 * Bytes that may wait for a client before it is disconnected as a slow consumer (4000).
		 */
		private DataSize outboundBuffer = DataSize.ofMegabytes(1);

		/**
		 * Publications an in-app subscriber may lag behind before its subscription fails.
		 */
		private int subscriberBuffer = 1024;

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public DataSize getOutboundBuffer() {
			return this.outboundBuffer;
		}

		public void setOutboundBuffer(DataSize outboundBuffer) {
			this.outboundBuffer = outboundBuffer;
		}

		public int getSubscriberBuffer() {
			return this.subscriberBuffer;
		}

		public void setSubscriberBuffer(int subscriberBuffer) {
			this.subscriberBuffer = subscriberBuffer;
		}

	}

	public static class Shutdown {

		/**
		 * Time given to close every connection with 1001 when the application stops.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
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
