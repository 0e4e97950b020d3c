package dev.realtime.metrics;

/**
 * Receives what the hub and its transports do, to count it. Every method has a no-op default;
 * {@link #NONE} ignores everything. Implementations must be thread-safe and cheap: some calls
 * come from the delivery path (once per fan-out task, not once per frame).
 */
public interface RealtimeMetrics {

	/** Ignores everything. */
	RealtimeMetrics NONE = new RealtimeMetrics() {
	};

	/** A connection over {@code transport} ({@code websocket}, {@code sse}) was registered. */
	default void connectionOpened(String transport) {
	}

	/** A connection over {@code transport} was unregistered. */
	default void connectionClosed(String transport) {
	}

	/** A publication was placed in a room, broadcast, or sent to a user, from this node. */
	default void published() {
	}

	/**
	 * {@code count} connections were written a publication, {@code latencyNanos} after it was
	 * encoded on this node.
	 */
	default void delivered(int count, long latencyNanos) {
	}

	/** {@code count} frames were not delivered, for {@code reason} (such as {@code slow_consumer}). */
	default void dropped(String reason, int count) {
	}

	/** An error frame with {@code code} was sent to a client. */
	default void error(String code) {
	}

	/** A handshake was refused before any upgrade or stream, for {@code reason}. */
	default void handshakeRejected(String reason) {
	}

	/** The broker failed to publish. */
	default void brokerFailure() {
	}

	/** A room's members on this node were told to resync: publications were lost on the way. */
	default void resync() {
	}

	/** The node drained {@code connections} connections as it stopped, in {@code nanos}. */
	default void drained(int connections, long nanos) {
	}

}
