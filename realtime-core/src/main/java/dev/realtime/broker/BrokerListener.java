package dev.realtime.broker;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;

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

}
