package dev.realtime.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.realtime.CloseCodes;
import dev.realtime.StreamPosition;
import dev.realtime.annotation.RealtimeException;
import dev.realtime.broker.Replay;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.protocol.ProtocolHooks;
import dev.realtime.security.Handshake;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.HandshakeRejectedException;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The Server-Sent Events endpoint: {@code GET ?room=a&room=b} streams the publications of the
 * named rooms as {@code text/event-stream}.
 * <ul>
 * <li>The handshake goes through the same {@link HandshakeGuard}, {@link RoomAuthorizer} and
 * subscription hooks ({@link ProtocolHooks#onSubscribe}) as WebSocket: 403 for a foreign origin, 401 when authentication fails, 503 or 429 over the
 * connection limits, 403 for a forbidden room, 400 for a missing or invalid room name, 405 for
 * anything but GET.</li>
 * <li>The stream opens with a {@code retry:} hint, then one {@code subscribed} event per room
 * (its position, and whether a resume was {@code recovered}), then the publications.</li>
 * <li>Every event's {@code id:} holds the position of every room of the stream; reconnecting
 * with it as {@code Last-Event-ID} (or {@code ?lastEventId=}) replays what was missed, in order,
 * with no gap and no duplicate.</li>
 * </ul>
 * An application's own controller streams rooms it names the same way with
 * {@link #stream(ServerWebExchange, String...)}.
 */
public final class RealtimeSseEndpoint implements WebHandler {

	private static final Logger logger = LoggerFactory.getLogger(RealtimeSseEndpoint.class);

	private static final MediaType EVENT_STREAM = new MediaType("text", "event-stream",
			StandardCharsets.UTF_8);

	private final DefaultRealtimeHub hub;

	private final ProtocolCodec codec;

	private final HandshakeGuard guard;

	private final RoomAuthorizer authorizer;

	private final RoomNamePolicy roomNames;

	private final long retryMillis;

	private final SseEventEncoder encoder;

	private final SseLimits limits;

	private final ProtocolHooks hooks;

	public RealtimeSseEndpoint(DefaultRealtimeHub hub, ProtocolCodec codec, HandshakeGuard guard,
			RoomAuthorizer authorizer, RoomNamePolicy roomNames, Duration retry, SseLimits limits,
			ProtocolHooks hooks) {
		this.hub = hub;
		this.hooks = hooks;
		this.codec = codec;
		this.guard = guard;
		this.authorizer = authorizer;
		this.roomNames = roomNames;
		this.retryMillis = retry.toMillis();
		this.encoder = new SseEventEncoder(codec);
		this.limits = limits;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		if (exchange.getRequest().getMethod() != HttpMethod.GET) {
			exchange.getResponse().getHeaders().setAllow(Set.of(HttpMethod.GET));
			return reject(exchange, HttpStatus.METHOD_NOT_ALLOWED, "only GET streams events");
		}
		return stream(exchange, exchange.getRequest().getQueryParams().getOrDefault("room", List.of()));
	}

	/**
	 * Answers {@code exchange} with the stream of {@code rooms}, as the endpoint answers
	 * {@code ?room=}: for an application's own controller, which names the rooms itself.
	 * <pre class="code">
	 * &#64;GetMapping("/prices")
	 * Mono&lt;Void&gt; prices(ServerWebExchange exchange) {
	 *     return sse.stream(exchange, "ticker");
	 * }
	 * </pre>
	 * Everything else is the endpoint's: the handshake guard (origin, authentication,
	 * connection limits), the room name policy and authorizer, the limits of a stream, the
	 * heartbeat, and resume from {@code Last-Event-ID} (or {@code ?lastEventId=}), whose token
	 * follows the order of {@code rooms}. The response is written here: the controller method
	 * returns this {@code Mono<Void>} and takes the {@link ServerWebExchange}, which tells Spring
	 * that the response is handled.
	 */
	public Mono<Void> stream(ServerWebExchange exchange, String... rooms) {
		return stream(exchange, List.of(rooms));
	}

	private Mono<Void> stream(ServerWebExchange exchange, List<String> named) {
		List<String> rooms = List.copyOf(new LinkedHashSet<>(named));
		if (rooms.isEmpty()) {
			return reject(exchange, HttpStatus.BAD_REQUEST, "name at least one room: ?room=name");
		}
		if (this.limits.maxRooms() >= 0 && rooms.size() > this.limits.maxRooms()) {
			return reject(exchange, HttpStatus.BAD_REQUEST,
					"a stream may name " + this.limits.maxRooms() + " rooms at most");
		}
		for (String room : rooms) {
			String problem = this.roomNames.problem(room);
			if (problem != null) {
				return reject(exchange, HttpStatus.BAD_REQUEST, problem);
			}
		}
		return this.guard.admit(exchange)
			.flatMap((admission) -> authorized(exchange, admission, rooms))
			.onErrorResume(HandshakeRejectedException.class,
					(ex) -> Handshake.reject(exchange, ex, this.hub.metrics()));
	}

	private Mono<Void> authorized(ServerWebExchange exchange, HandshakeGuard.Admission admission,
			List<String> rooms) {
		for (String room : rooms) {
			if (!this.authorizer.canSubscribe(admission.principal(), room)) {
				admission.permit().release();
				return reject(exchange, HttpStatus.FORBIDDEN, "subscribe to room '" + room + "' is not allowed");
			}
		}
		SseConnection connection = new SseConnection(admission.principal(), channelOf(exchange.getResponse()),
				this.encoder, this.codec, this.limits);
		return Flux.fromIterable(rooms)
			.concatMap((room) -> this.hooks.onSubscribe(connection, room))
			.then(Mono.just(true))
			.onErrorResume((ex) -> refused(exchange, connection, ex).thenReturn(false))
			.flatMap((allowed) -> allowed ? open(exchange, connection, rooms, lastEventId(exchange, rooms))
					: Mono.empty())
			.doFinally((signal) -> admission.permit().release());
	}

	/** Answers a stream whose subscription hooks refused a room, or failed. */
	private Mono<Void> refused(ServerWebExchange exchange, SseConnection connection, Throwable ex) {
		if (ex instanceof ProtocolException || ex instanceof RealtimeException) {
			return reject(exchange, HttpStatus.FORBIDDEN, ex.getMessage());
		}
		logger.warn("The subscribe hooks of SSE stream {} failed", connection, ex);
		return reject(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
	}

	private Mono<Void> open(ServerWebExchange exchange, SseConnection connection, List<String> rooms,
			Map<String, StreamPosition> since) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(EVENT_STREAM);
		headers.setCacheControl("no-cache");
		// Tells nginx-style proxies not to buffer the stream.
		headers.set("X-Accel-Buffering", "no");
		this.hub.register(connection);
		connection.start(this.retryMillis);
		Flux.fromIterable(rooms)
			.concatMap((room) -> resumeFrom(room, since.get(room))
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((from) -> this.hub.subscribe(connection, room, from.orElse(null), -1,
						(replay) -> new String(this.codec.toJson(subscribed(room, replay, since.containsKey(room))),
								StandardCharsets.UTF_8))))
			.subscribe(null, (ex) -> {
				logger.warn("Subscribing SSE stream {} failed", connection, ex);
				connection.close(CloseCodes.INTERNAL_ERROR, "internal error").subscribe();
			});
		return response.writeWith(connection.body((NettyDataBufferFactory) response.bufferFactory()))
			.doFinally((signal) -> this.hub.unregister(connection));
	}

	/**
	 * Where to resume {@code room} from: the token keeps the start of each epoch, which the
	 * room's current one must begin with; another epoch resumes from a position that cannot
	 * match, so that the client hears it did not recover.
	 */
	private Mono<StreamPosition> resumeFrom(String room, @Nullable StreamPosition since) {
		if (since == null) {
			return Mono.empty();
		}
		return this.hub.broker()
			.position(room)
			.map((current) -> StreamToken.matches(since.epoch(), current.epoch())
					? new StreamPosition(since.offset(), current.epoch()) : since);
	}

	private static Map<String, Object> subscribed(String room, Replay replay, boolean resumed) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("room", room);
		result.put("offset", replay.position().offset());
		result.put("epoch", replay.position().epoch());
		if (resumed) {
			result.put("recovered", replay.recovered());
		}
		return result;
	}

	private Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, String message) {
		return Handshake.reject(exchange, status, message, this.hub.metrics());
	}

	private static Map<String, StreamPosition> lastEventId(ServerWebExchange exchange, List<String> rooms) {
		String token = exchange.getRequest().getHeaders().getFirst("Last-Event-ID");
		if (token == null) {
			token = exchange.getRequest().getQueryParams().getFirst("lastEventId");
		}
		return (token != null) ? StreamToken.parse(token, rooms) : Map.of();
	}

	private static Channel channelOf(ServerHttpResponse response) {
		HttpServerResponse nettyResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		Channel[] channel = new Channel[1];
		nettyResponse.withConnection((connection) -> channel[0] = connection.channel());
		return channel[0];
	}

}
