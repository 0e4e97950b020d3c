package dev.realtime.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.realtime.ClientInfo;
import dev.realtime.CloseCodes;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.Replay;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * The HTTP server API: what a backend in any language does through the {@link RealtimeHub}, as
 * JSON over HTTP, in the manner of Centrifugo's server API. Every operation is a {@code POST} of
 * a JSON object to {@code {path}/{operation}}:
 * <ul>
 * <li>{@code publish} {@code {room, event?, data}}: to every member of the room, on every node;
 * answers the publication's {@code room}, {@code offset} and {@code epoch}.</li>
 * <li>{@code broadcast} {@code {event?, data}}: to every connection.</li>
 * <li>{@code send} {@code {user | connection, event?, data}}: to every connection of a user (its
 * personal room), or to one connection, on whichever node.</li>
 * <li>{@code disconnect} {@code {user | connection, code?, reason?}}: closes them, on every node,
 * with a code from 4000 to 4999 (4002 by default).</li>
 * <li>{@code presence} {@code {room}}: who is in the room, on every node, and how many.</li>
 * <li>{@code history} {@code {room, since?, limit?}}: the publications the room's window holds,
 * after {@code since} or the newest, as {@code message} frames.</li>
 * <li>{@code info}: the nodes sharing the broker, and this node's counts.</li>
 * </ul>
 * Refusals are a status and {@code {"error": code, "message": …}}: 400 {@code bad_request}
 * (malformed JSON, a missing or mistyped field, a room name the {@link RoomNamePolicy} refuses),
 * 401 {@code unauthorized} (no or a wrong key), 404 {@code not_found}, 405
 * {@code method_not_allowed}, 413 {@code too_large} (a body over the limit), 503
 * {@code unavailable} (the broker cannot take it now; retry), 500 {@code internal}.
 * {@code GET {path}/openapi.json} describes it all as OpenAPI 3, without a key.
 */
public final class ServerApi {

	/** The operations, each at {@code {path}/{name}}. */
	public static final List<String> OPERATIONS = List.of("publish", "broadcast", "send", "disconnect", "presence",
			"history", "info");

	private static final Logger logger = LoggerFactory.getLogger(ServerApi.class);

	/** How long an operation may wait for the broker or the other nodes before it fails as unavailable. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Publications a history answers when the request names no limit (or fewer, if fewer may be replayed). */
	private static final int DEFAULT_HISTORY_LIMIT = 100;

	private final RealtimeHub hub;

	private final Broker broker;

	private final ProtocolCodec codec;

	private final RoomNamePolicy roomNames;

	private final int maxBodySize;

	private final int maxHistory;

	/**
	 * @param hub what the operations act on
	 * @param broker the hub's broker, which answers history
	 * @param codec writes answers with the application's mapper, reads requests under the
	 * protocol's limits
	 * @param roomNames the room names the operations accept, as the protocol does
	 * @param maxBodySize bytes of the largest request body read; larger ones get 413
	 * @param maxHistory publications one history request may ask for at most
	 */
	public ServerApi(RealtimeHub hub, Broker broker, ProtocolCodec codec, RoomNamePolicy roomNames, int maxBodySize,
			int maxHistory) {
		this.hub = hub;
		this.broker = broker;
		this.codec = codec;
		this.roomNames = roomNames;
		this.maxBodySize = maxBodySize;
		this.maxHistory = maxHistory;
	}

	/**
	 * The API's routes under {@code path}: its operations, behind {@code key} unless that is
	 * {@code null} (when the application's own security protects them), and its OpenAPI document.
	 */
	public RouterFunction<ServerResponse> routes(String path, @Nullable String key) {
		RouterFunctions.Builder operations = RouterFunctions.route()
			.POST(path + "/publish", (request) -> call(request, this::publish))
			.POST(path + "/broadcast", (request) -> call(request, this::broadcast))
			.POST(path + "/send", (request) -> call(request, this::send))
			.POST(path + "/disconnect", (request) -> call(request, this::disconnect))
			.POST(path + "/presence", (request) -> call(request, this::presence))
			.POST(path + "/history", (request) -> call(request, this::history))
			.POST(path + "/info", (request) -> call(request, this::info))
			.route(RequestPredicates.path(path + "/**"), (request) -> Mono.error(unknown(request, path)))
			.filter(refusals());
		if (key != null) {
			operations.filter(new ApiKeyFilter(key, this.codec));
		}
		return RouterFunctions.route()
			.GET(path + "/openapi.json", new OpenApiDocument(path))
			.add(operations.build())
			.build();
	}

	private Mono<ServerResponse> call(ServerRequest request, Function<ApiRequest, Mono<Map<String, Object>>> operation) {
		return body(request).map(ApiRequest::new)
			.flatMap(operation)
			.timeout(TIMEOUT)
			.flatMap((result) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.codec.toJson(result)));
	}

	/** The request's JSON object, read up to the size limit; no body at all reads as {@code {}}. */
	private Mono<JsonNode> body(ServerRequest request) {
		if (request.headers().contentLength().orElse(0) > this.maxBodySize) {
			return Mono.error(tooLarge());
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.maxBodySize)
			.map(ServerApi::bytes)
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.map((bytes) -> (bytes.length == 0) ? JsonNodeFactory.instance.objectNode() : this.codec.read(bytes))
			.defaultIfEmpty(JsonNodeFactory.instance.objectNode());
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private ApiException tooLarge() {
		return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "too_large",
				"the body is larger than " + this.maxBodySize + " bytes");
	}

	private Mono<Map<String, Object>> publish(ApiRequest request) {
		return this.hub.publish(request.room(this.roomNames), request.event()).map(ServerApi::position);
	}

	private Mono<Map<String, Object>> broadcast(ApiRequest request) {
		return this.hub.broadcast(request.event()).thenReturn(Map.of());
	}

	private Mono<Map<String, Object>> send(ApiRequest request) {
		if (request.oneOf("user", "connection").equals("user")) {
			String user = user(request);
			return this.hub.sendToUser(user, request.event()).map(ServerApi::position);
		}
		String connection = request.text("connection");
		return this.hub.sendToConnection(connection, request.event()).thenReturn(Map.of("connection", connection));
	}

	private Mono<Map<String, Object>> disconnect(ApiRequest request) {
		String target = request.oneOf("user", "connection");
		String id = target.equals("user") ? user(request) : request.text("connection");
		int code = request.integer("code", CloseCodes.DISCONNECTED, 4000, 4999);
		String given = request.optionalText("reason");
		String reason = (given != null) ? given : "disconnected by the server";
		Mono<Void> disconnected = target.equals("user") ? this.hub.disconnectUser(id, code, reason)
				: this.hub.disconnect(id, code, reason);
		return disconnected.thenReturn(ordered(target, id, "code", code, "reason", reason));
	}

	private Mono<Map<String, Object>> presence(ApiRequest request) {
		String room = request.room(this.roomNames);
		return this.hub.presence(room).map((clients) -> {
			List<Map<String, Object>> listed = new ArrayList<>(clients.size());
			for (ClientInfo client : clients) {
				listed.add(ordered("connection", client.connectionId(), "user", client.userId(), "info", client.info()));
			}
			long users = clients.stream().map(ClientInfo::userId).filter(Objects::nonNull).distinct().count();
			return ordered("room", room, "connections", clients.size(), "users", users, "clients", listed);
		});
	}

	private Mono<Map<String, Object>> history(ApiRequest request) {
		String room = request.room(this.roomNames);
		StreamPosition since = request.since();
		int limit = request.integer("limit", Math.min(DEFAULT_HISTORY_LIMIT, this.maxHistory), 1, this.maxHistory);
		Mono<Replay> replay = (since != null) ? this.broker.history(room, since, limit)
				: this.broker.position(room)
					.flatMap((position) -> this.broker.history(room, new StreamPosition(0, position.epoch()), limit));
		return replay.map((found) -> {
			Map<String, Object> result = ordered("room", room, "offset", found.position().offset(), "epoch",
					found.position().epoch());
			if (since != null) {
				result.put("recovered", found.recovered());
			}
			// Each one the same JSON as its message frame, written around the event's bytes.
			result.put("publications", found.publications()
				.stream()
				.map((publication) -> new RawValue(new String(this.codec.message(publication), StandardCharsets.UTF_8)))
				.toList());
			return result;
		});
	}

	private Mono<Map<String, Object>> info(ApiRequest request) {
		return this.hub.nodes().map((nodes) -> {
			List<Map<String, Object>> listed = new ArrayList<>(nodes.size());
			for (ClientInfo node : nodes) {
				Map<String, Object> described = ordered("id", node.connectionId());
				described.putAll(node.info());
				listed.add(described);
			}
			return ordered("connections", this.hub.connections().size(), "rooms", this.hub.rooms().size(), "users",
					this.hub.onlineUsers().size(), "nodes", listed);
		});
	}

	/** The {@code user} field, a user id whose personal room is a valid room name. */
	private String user(ApiRequest request) {
		String user = request.text("user");
		String problem = this.roomNames.problem(UserRoomAuthorizer.userRoom(user));
		if (problem != null) {
			throw ApiException.badRequest("user id '" + user + "' cannot name a personal room: " + problem);
		}
		return user;
	}

	private static ApiException unknown(ServerRequest request, String path) {
		String operation = request.path().substring(Math.min(path.length() + 1, request.path().length()));
		if (OPERATIONS.contains(operation)) {
			return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
					"'" + operation + "' takes a POST of a JSON object")
				.withHeader(HttpHeaders.ALLOW, "POST");
		}
		return new ApiException(HttpStatus.NOT_FOUND, "not_found",
				"no operation '" + operation + "'; the operations are " + String.join(", ", OPERATIONS));
	}

	/** Every failure as a status and an error body; a failure of the server's own is logged too. */
	private HandlerFilterFunction<ServerResponse, ServerResponse> refusals() {
		return (request, next) -> next.handle(request).onErrorResume((ex) -> refusal(request, ex).response(this.codec));
	}

	private static ApiException refusal(ServerRequest request, Throwable ex) {
		if (ex instanceof ApiException refused) {
			return refused;
		}
		if (ex instanceof ProtocolException || ex instanceof IllegalArgumentException) {
			return ApiException.badRequest(Objects.requireNonNullElse(ex.getMessage(), "bad request"));
		}
		if (ex instanceof BrokerUnavailableException || ex instanceof TimeoutException) {
			return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
					"the broker cannot take it now; retry: " + ex.getMessage())
				.withHeader(HttpHeaders.RETRY_AFTER, "1");
		}
		logger.warn("Server API {} failed", request.path(), ex);
		return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "the server failed");
	}

	private static Map<String, Object> position(Publication publication) {
		return ordered("room", publication.room(), "offset", publication.offset(), "epoch", publication.epoch());
	}

	/** A map of {@code keysAndValues} in their order, so that people read the JSON as documented. */
	private static Map<String, Object> ordered(@Nullable Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
