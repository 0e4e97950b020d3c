package dev.realtime.broker;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;

/**
 * Receives what a {@link Broker} carries for one subscribed topic. Calls never overlap and
 * arrive in the order the broker numbered them; they must not block.
 */
public interface BrokerListener {

	/** A publication of the topic, the next in offset order. */
	void onPublication(Publication publication);

	/** A client joined the topic, on some node. */
	default void onJoin(ClientInfo client) {
	}

	/** A client left the topic, on some node. */
	default void onLeave(ClientInfo client) {
	}

	/**
	 * Publications were lost on the way to this node and the topic's window no longer holds
	 * them (or the topic's history was lost and it started a new epoch): the stream goes on from
	 * {@code position}, and whoever depends on it must resync.
	 */
	default void onResync(StreamPosition position) {
	}

}
