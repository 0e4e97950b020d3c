package dev.realtime.protocol;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.realtime.ClientInfo;
import dev.realtime.ClientMessage;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.RealtimeHandler;
import dev.realtime.StreamPosition;
import dev.realtime.annotation.RealtimeException;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.Replay;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.hub.RoomFullException;
import dev.realtime.inbox.NotificationInbox;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.TokenVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The built-in {@link RealtimeHandler}: the JSON protocol of subscribe, unsubscribe, publish,
 * presence, rpc, refresh, ping and the notifications inbox, with the application's
 * {@link ProtocolHooks}. Every frame it cannot honour is answered with an {@code error} frame
 * carrying its {@code ref}; the connection stays open.
 */
public final class ProtocolHandler implements RealtimeHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolHandler.class);

	/** Users a presence reply lists at most. */
	static final int PRESENCE_LIMIT = 100;

	private final DefaultRealtimeHub hub;

	private final ProtocolCodec codec;

	private final RoomNamePolicy roomNames;

	private final RoomAuthorizer authorizer;

	private final boolean publishRequiresSubscription;

	private final RoomLimits roomLimits;

	private final LimitCounters counters;

	private final @Nullable TokenVerifier tokens;

	private final ProtocolHooks hooks;

	private final @Nullable InboxFrames inbox;

	/**
	 * @param tokens verifies the tokens of {@code refresh} frames; {@code null} when the
	 * application has none, and every refresh is refused
	 * @param hooks what the application adds: {@link ProtocolHooks#NONE} for nothing
	 * @param inbox the users' notifications inbox, which {@code notifications.*} frames reach;
	 * {@code null} when there is none, and these frames are of an unknown type
	 */
	public ProtocolHandler(DefaultRealtimeHub hub, ProtocolCodec codec, RoomNamePolicy roomNames,
			RoomAuthorizer authorizer, boolean publishRequiresSubscription, RoomLimits roomLimits,
			LimitCounters counters, @Nullable TokenVerifier tokens, ProtocolHooks hooks,
			@Nullable NotificationInbox inbox) {
		this.tokens = tokens;
		this.hooks = hooks;
		this.inbox = (inbox != null) ? new InboxFrames(inbox, hub, codec) : null;
		this.roomLimits = roomLimits;
		this.counters = counters;
		this.hub = hub;
		this.codec = codec;
		this.roomNames = roomNames;
		this.authorizer = authorizer;
		this.publishRequiresSubscription = publishRequiresSubscription;
	}

	/** Tells a client whose credentials expire when they do, so that it refreshes them before. */
	@Override
	public Mono<Void> onConnect(Connection connection) {
		Instant expiresAt = connection.principal().expiresAt();
		if (expiresAt != null) {
			connection.sendText(this.codec.session(expiresAt));
		}
		return this.hooks.onConnect(connection).onErrorResume((ex) -> {
			logger.warn("The connect hooks of {} failed", connection, ex);
			return Mono.empty();
		});
	}

	@Override
	public Mono<Void> onDisconnect(Connection connection) {
		return this.hooks.onDisconnect(connection);
	}

	@Override
	public Mono<Void> onMessage(Connection client, ClientMessage message) {
		JsonNode ref = null;
		try {
			JsonNode frame = this.codec.read(message.payload());
			ref = ref(frame);
			JsonNode replyRef = ref;
			return Mono.defer(() -> handle(client, frame, replyRef))
				.onErrorMap(ProtocolHandler::unavailable)
				.onErrorResume((ex) -> {
					answer(client, replyRef, ex);
					return Mono.empty();
				});
		}
		catch (ProtocolException ex) {
			sendError(client, ref, ex);
			return Mono.empty();
		}
	}

	/** Answers a frame that failed with its error, the application's included. */
	private void answer(Connection client, @Nullable JsonNode ref, Throwable ex) {
		if (ex instanceof ProtocolException protocol) {
			sendError(client, ref, protocol);
		}
		else if (ex instanceof RealtimeException application) {
			sendError(client, ref, application.code(), application.getMessage());
		}
		else {
			logger.warn("Handling a frame of {} failed", client, ex);
			sendError(client, ref, ErrorCode.INTERNAL.code(), "the server failed to handle the frame");
		}
	}

	private void sendError(Connection client, @Nullable JsonNode ref, ProtocolException ex) {
		if (ex.limit() != null) {
			this.counters.increment(ex.limit());
		}
		sendError(client, ref, ex.code().code(), ex.getMessage());
	}

	private void sendError(Connection client, @Nullable JsonNode ref, String code, String message) {
		this.hub.metrics().error(code);
		client.sendText(this.codec.error(ref, code, message));
	}

	private Mono<Void> handle(Connection client, JsonNode frame, @Nullable JsonNode ref) {
		String type = text(frame, "type");
		return switch (type) {
			case "subscribe" -> subscribe(client, room(frame), since(frame), ref);
			case "unsubscribe" -> unsubscribe(client, room(frame), ref);
			case "publish" -> publish(client, frame, room(frame), ref);
			case "presence" -> presence(client, room(frame), ref);
			case "rpc" -> rpc(client, text(frame, "method"), frame.get("data"), ref);
			case "refresh" -> refresh(client, text(frame, "token"), ref);
			case InboxFrames.LIST, InboxFrames.READ -> {
				if (this.inbox == null) {
					throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "this server keeps no notifications inbox");
				}
				yield this.inbox.handle(client, type, frame, ref);
			}
			case "ping" -> {
				client.sendText(this.codec.pong(ref));
				yield Mono.empty();
			}
			default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + type + "'");
		};
	}

	private Mono<Void> subscribe(Connection client, String room, @Nullable StreamPosition since,
			@Nullable JsonNode ref) {
		if (!this.authorizer.canSubscribe(client.principal(), room)) {
			throw new ProtocolException(ErrorCode.FORBIDDEN, "subscribe to room '" + room + "' is not allowed",
					LimitEvent.SUBSCRIBE_FORBIDDEN);
		}
		this.roomLimits.checkRooms(client, room);
		return this.hooks.onSubscribe(client, room)
			.then(Mono.defer(() -> this.hub.subscribe(client, room, since, this.roomLimits.maxMembers(),
					(replay) -> this.codec.reply(ref, subscribed(room, since, replay)))))
			.onErrorMap(RoomFullException.class, this.roomLimits::full)
			.then();
	}

	private static Map<String, Object> subscribed(String room, @Nullable StreamPosition since, Replay replay) {
		Map<String, Object> result = position(room, replay.position());
		if (since != null) {
			result.put("recovered", replay.recovered());
		}
		return result;
	}

	private Mono<Void> unsubscribe(Connection client, String room, @Nullable JsonNode ref) {
		if (!this.hub.leave(client, room)) {
			throw new ProtocolException(ErrorCode.NOT_SUBSCRIBED, "not subscribed to room '" + room + "'");
		}
		reply(client, ref, Map.of("room", room));
		return Mono.empty();
	}

	private Mono<Void> publish(Connection client, JsonNode frame, String room, @Nullable JsonNode ref) {
		String event = frame.has("event") ? text(frame, "event") : Event.MESSAGE;
		if (!this.authorizer.canPublish(client.principal(), room)) {
			throw new ProtocolException(ErrorCode.FORBIDDEN, "publish to room '" + room + "' is not allowed",
					LimitEvent.PUBLISH_FORBIDDEN);
		}
		if (this.publishRequiresSubscription && !client.rooms().contains(room)) {
			throw new ProtocolException(ErrorCode.NOT_SUBSCRIBED,
					"publish to room '" + room + "' needs a subscription to it first");
		}
		Event published = new Event(event, frame.get("data"), client.userId(), System.currentTimeMillis());
		return this.hooks.onPublish(client, room, published)
			.flatMap((hooked) -> this.hub.publish(room, hooked))
			.doOnNext((publication) -> reply(client, ref, position(room, publication.position())))
			.then();
	}

	private Mono<Void> rpc(Connection client, String method, @Nullable JsonNode data, @Nullable JsonNode ref) {
		return this.hooks.rpc(client, method, data)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.doOnNext((result) -> client.sendText(this.codec.reply(ref, result.orElse(null))))
			.then();
	}

	private Mono<Void> refresh(Connection client, String token, @Nullable JsonNode ref) {
		if (this.tokens == null) {
			throw new ProtocolException(ErrorCode.UNAUTHORIZED, "this server takes no tokens");
		}
		return this.tokens.verify(token)
			.switchIfEmpty(Mono.error(() -> new ProtocolException(ErrorCode.UNAUTHORIZED,
					"the token is invalid or expired")))
			.doOnNext((principal) -> {
				if (!this.hub.refresh(client, principal)) {
					throw new ProtocolException(ErrorCode.FORBIDDEN, "the token is another user's");
				}
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("expires", (principal.expiresAt() != null) ? principal.expiresAt().toEpochMilli() : null);
				reply(client, ref, result);
			})
			.then();
	}

	private Mono<Void> presence(Connection client, String room, @Nullable JsonNode ref) {
		if (!this.authorizer.canSubscribe(client.principal(), room)) {
			throw new ProtocolException(ErrorCode.FORBIDDEN, "presence of room '" + room + "' is not allowed",
					LimitEvent.SUBSCRIBE_FORBIDDEN);
		}
		return this.hooks.onSubscribe(client, room)
			.then(Mono.defer(() -> this.hub.presence(room).zipWith(this.hub.presenceStats(room))))
			.doOnNext((presence) -> {
				// A big room must not make every presence request a big reply: the list is capped.
				List<String> users = presence.getT1()
					.stream()
					.map(ClientInfo::userId)
					.filter(Objects::nonNull)
					.distinct()
					.limit(PRESENCE_LIMIT + 1)
					.toList();
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("room", room);
				result.put("users", (users.size() > PRESENCE_LIMIT) ? users.subList(0, PRESENCE_LIMIT) : users);
				result.put("truncated", users.size() > PRESENCE_LIMIT);
				result.put("connections", presence.getT2().connections());
				result.put("uniqueUsers", presence.getT2().users());
				reply(client, ref, result);
			})
			.then();
	}

	/** A broker that cannot take the frame now is answered with {@code unavailable}. */
	private static Throwable unavailable(Throwable ex) {
		if (ex instanceof BrokerUnavailableException || ex instanceof TimeoutException) {
			return new ProtocolException(ErrorCode.UNAVAILABLE, "the broker is unavailable, retry later");
		}
		return ex;
	}

	private void reply(Connection client, @Nullable JsonNode ref, Object result) {
		client.sendText(this.codec.reply(ref, result));
	}

	private static Map<String, Object> position(String room, StreamPosition position) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("room", room);
		result.put("offset", position.offset());
		result.put("epoch", position.epoch());
		return result;
	}

	private String room(JsonNode frame) {
		String room = text(frame, "room");
		String problem = this.roomNames.problem(room);
		if (problem != null) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, problem, LimitEvent.ROOM_NAME_INVALID);
		}
		return room;
	}

	private static @Nullable StreamPosition since(JsonNode frame) {
		JsonNode since = frame.get("since");
		if (since == null || since.isNull()) {
			return null;
		}
		JsonNode offset = since.get("offset");
		JsonNode epoch = since.get("epoch");
		if (!since.isObject() || offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong()
				|| offset.asLong() < 0
				|| epoch == null || !epoch.isString()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST,
					"field 'since' must be {\"offset\": a number >= 0, \"epoch\": a string}");
		}
		return new StreamPosition(offset.asLong(), epoch.asString());
	}

	private static @Nullable JsonNode ref(JsonNode frame) {
		JsonNode ref = frame.get("ref");
		if (ref != null && !ref.isString() && !ref.isNumber()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'ref' must be a string or a number");
		}
		return ref;
	}

	private static String text(JsonNode frame, String field) {
		JsonNode value = frame.get(field);
		if (value == null || !value.isString()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + field + "' is required and must be a string");
		}
		return value.asString();
	}

}
