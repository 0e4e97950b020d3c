package dev.realtime.autoconfigure.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.realtime.ClientInfo;
import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.hub.DefaultRealtimeHub;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import reactor.core.publisher.Mono;
/**
 * The {@code realtime} actuator endpoint: what is connected to this node.
 * <ul>
 * <li>{@code GET /actuator/realtime?offset=&limit=}: node id, broker, connections by
 * transport, and a page of the rooms by name with their member counts.</li>
 * <li>{@code GET /actuator/realtime/{room}}: one room's members (capped at {@code limit}).</li>
 * <li>{@code POST /actuator/realtime} with {@code {"connection": "id"}}: disconnects that
 * connection with {@link CloseCodes#DISCONNECTED}; with {@code {"user": "id"}} instead, every
 * connection of that user on every node (a logout, a ban). An optional {@code reason} goes in
 * the close frame.</li>
 * </ul>
 * It is secured and exposed like every actuator endpoint
 * ({@code management.endpoints.web.exposure.include=realtime}).
 */
@Endpoint(id = "realtime")
public class RealtimeHubEndpoint {

	private static final int DEFAULT_LIMIT = 100;

	/** How long telling every node may take before the operation fails. */
	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

	private final DefaultRealtimeHub hub;

	public RealtimeHubEndpoint(DefaultRealtimeHub hub) {
		this.hub = hub;
	}

	@ReadOperation
	public Mono<Map<String, Object>> overview(@Nullable Integer offset, @Nullable Integer limit) {
		Collection<Connection> connections = this.hub.connections();
		Map<String, Long> byTransport = new LinkedHashMap<>();
		for (Connection connection : connections) {
			byTransport.merge(connection.transport(), 1L, Long::sum);
		}
		List<String> names = this.hub.rooms().stream().sorted().toList();
		int from = Math.min(Math.max((offset != null) ? offset : 0, 0), names.size());
		int to = Math.min(from + Math.max((limit != null) ? limit : DEFAULT_LIMIT, 0), names.size());
		List<Map<String, Object>> page = new ArrayList<>(to - from);
		for (String name : names.subList(from, to)) {
			Map<String, Object> room = new LinkedHashMap<>();
			room.put("name", name);
			room.put("members", this.hub.room(name).size());
			page.add(room);
		}
		Map<String, Object> rooms = new LinkedHashMap<>();
		rooms.put("total", names.size());
		rooms.put("offset", from);
		rooms.put("items", page);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("node", this.hub.nodeId());
		result.put("broker", this.hub.broker().getClass().getSimpleName());
		result.put("connections", Map.of("total", connections.size(), "byTransport", byTransport));
		result.put("subscriptions", this.hub.subscriptionCount());
		result.put("rooms", rooms);
		return this.hub.nodes().map((nodes) -> {
			result.put("nodes", nodes.stream().map(RealtimeHubEndpoint::describe).toList());
			return result;
		}).onErrorResume((ex) -> {
			// The shared store may be down: the rest of the overview is still worth having.
			result.put("nodes", "unavailable: " + ex.getMessage());
			return Mono.just(result);
		});
	}

	private static Map<String, Object> describe(ClientInfo node) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("id", node.connectionId());
		described.putAll(node.info());
		return described;
	}

	@ReadOperation
	public @Nullable Map<String, Object> room(@Selector String name, @Nullable Integer limit) {
		if (!this.hub.hasMembers(name)) {
			return null;
		}
		Collection<Connection> members = this.hub.room(name).members();
		List<Map<String, Object>> listed = members.stream()
			.limit((limit != null) ? limit : DEFAULT_LIMIT)
			.map(RealtimeHubEndpoint::describe)
			.toList();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("name", name);
		result.put("members", members.size());
		result.put("users", members.stream().map(Connection::userId).filter(Objects::nonNull).distinct().count());
		result.put("connections", listed);
		return result;
	}

	@WriteOperation
	public Mono<Map<String, Object>> disconnect(@Nullable String connection, @Nullable String user,
			@Nullable String reason) {
		if ((connection == null) == (user == null)) {
			throw new InvalidEndpointRequestException("Give either 'connection' or 'user'",
					"either 'connection' or 'user' is required");
		}
		String why = (reason != null) ? reason : "disconnected by an operator";
		if (user != null) {
			// The user's connections may be on any node: every node is told, none is listed here.
			return this.hub.disconnectUser(user, CloseCodes.DISCONNECTED, why)
				.timeout(COMMAND_TIMEOUT)
				.thenReturn(Map.of("user", user, "code", CloseCodes.DISCONNECTED, "reason", why));
		}
		if (this.hub.connection(connection).isEmpty()) {
			return Mono.empty();
		}
		this.hub.disconnect(connection, CloseCodes.DISCONNECTED, why).subscribe();
		return Mono.just(Map.of("connection", connection, "code", CloseCodes.DISCONNECTED, "reason", why));
	}

	private static Map<String, Object> describe(Connection connection) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("id", connection.id());
		described.put("user", Objects.requireNonNullElse(connection.userId(), ""));
		described.put("transport", connection.transport());
		return described;
	}

}
