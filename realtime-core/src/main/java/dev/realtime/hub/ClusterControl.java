package dev.realtime.hub;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Commands for a connection that may be on another node, or for a user's connections on every
 * node: sent on the broker's internal topic {@value #TOPIC}, which every node's hub listens to,
 * and carried out by the nodes that have the connections. With one node, they go to itself.
 */
final class ClusterControl implements BrokerListener {

	/** The internal topic carrying the commands. */
	static final String TOPIC = Broker.INTERNAL_PREFIX + "control";

	private static final Logger logger = LoggerFactory.getLogger(ClusterControl.class);

	private final DefaultRealtimeHub hub;

	ClusterControl(DefaultRealtimeHub hub) {
		this.hub = hub;
	}

	/** Has the node of connection {@code connectionId} send it {@code event}. */
	Mono<Void> send(String connectionId, Event event) {
		Map<String, @Nullable Object> sent = new LinkedHashMap<>();
		sent.put("event", event.event());
		sent.put("data", event.data());
		sent.put("from", event.from());
		sent.put("ts", event.ts());
		return command("send", Map.of("connection", connectionId, "event", sent));
	}

	/** Has the node of connection {@code connectionId} close it. */
	Mono<Void> disconnect(String connectionId, int code, String reason) {
		return command("disconnect", Map.of("connection", connectionId, "code", code, "reason", reason));
	}

	/** Has every node close the connections of user {@code userId}. */
	Mono<Void> disconnectUser(String userId, int code, String reason) {
		return command("disconnectUser", Map.of("user", userId, "code", code, "reason", reason));
	}

	private Mono<Void> command(String name, Map<String, Object> data) {
		return this.hub.broker().publish(TOPIC, this.hub.encode(Event.of(name, data))).then();
	}

	@Override
	public void onPublication(Publication publication) {
		JsonNode data = publication.event().data();
		// Commands for a connection are carried out only by its node: every other one finds none.
		AbstractConnection connection = this.hub.local(data.path("connection").asString(""));
		switch (publication.event().event()) {
			case "send" -> {
				if (connection != null) {
					JsonNode event = data.path("event");
					connection.send(new Event(event.path("event").asString(), event.get("data"),
							event.path("from").isString() ? event.path("from").asString() : null,
							event.path("ts").asLong()));
				}
			}
			case "disconnect" -> {
				if (connection != null) {
					connection.close(data.path("code").asInt(), data.path("reason").asString()).subscribe();
				}
			}
			case "disconnectUser" -> this.hub.disconnectLocalUser(data.path("user").asString(),
					data.path("code").asInt(), data.path("reason").asString());
			default -> logger.warn("Unknown cluster command '{}'", publication.event().event());
		}
	}

}
