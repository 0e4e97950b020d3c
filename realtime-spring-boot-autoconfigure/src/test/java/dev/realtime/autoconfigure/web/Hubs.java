package dev.realtime.autoconfigure.web;

import dev.realtime.Connection;
import dev.realtime.RealtimeHub;

import static org.awaitility.Awaitility.await;

/** What tests ask a hub of the connections it holds. */
final class Hubs {

	private Hubs() {
	}

	/** A connection of {@code user} on {@code hub}, once it is registered there. */
	static Connection connectionOf(RealtimeHub hub, String user) {
		await().until(() -> hub.connections().stream().anyMatch((connection) -> user.equals(connection.userId())));
		return hub.connections()
			.stream()
			.filter((connection) -> user.equals(connection.userId()))
			.findFirst()
			.orElseThrow();
	}

}
