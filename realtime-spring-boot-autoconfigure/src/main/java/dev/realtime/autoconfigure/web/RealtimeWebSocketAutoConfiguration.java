package dev.realtime.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.RealtimeEndpoint;
import dev.realtime.RealtimeHandler;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.hub.Heartbeat;
import dev.realtime.inbox.NotificationInbox;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.protocol.ProtocolHandler;
import dev.realtime.protocol.ProtocolHooks;
import dev.realtime.protocol.RoomLimits;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.TokenVerifier;
import dev.realtime.security.RoomPattern;
import dev.realtime.security.SlowConsumerRules;
import dev.realtime.websocket.RealtimeWebSocketEndpoint;
import dev.realtime.websocket.WebSocketConnection;
import dev.realtime.websocket.WebSocketLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Auto-configuration of the WebSocket endpoint at {@code realtime.websocket.path}, of every
 * {@link RealtimeEndpoint} bean, and of the heartbeat that pings and reaps their connections.
 * Needs WebFlux on Reactor Netty.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebSocketHandler.class, HttpServer.class })
@ConditionalOnBean(DefaultRealtimeHub.class)
public final class RealtimeWebSocketAutoConfiguration {

	/** Runs before annotated controllers, so the endpoint paths cannot be shadowed by them. */
	private static final int HANDLER_MAPPING_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	@Bean
	@ConditionalOnMissingBean
	RealtimeHandler realtimeHandler(DefaultRealtimeHub hub, ProtocolCodec codec, RoomNamePolicy roomNames,
			RoomAuthorizer authorizer, LimitCounters counters, ObjectProvider<TokenVerifier> tokens,
			ObjectProvider<ProtocolHooks> hooks, ObjectProvider<NotificationInbox> inbox,
			RealtimeProperties properties) {
		RealtimeProperties.Limits limits = properties.getLimits();
		return new ProtocolHandler(hub, codec, roomNames, authorizer,
				properties.getRooms().isPublishRequiresSubscription(),
				new RoomLimits(limits.getMaxRoomsPerConnection(), limits.getMaxRoomMembers()), counters,
				tokens.getIfUnique(), hooks.getIfAvailable(() -> ProtocolHooks.NONE), inbox.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean(name = "realtimeWebSocketHeartbeat")
	Heartbeat realtimeWebSocketHeartbeat(DefaultRealtimeHub hub, RealtimeProperties properties) {
		RealtimeProperties.WebSocket websocket = properties.getWebsocket();
		return new Heartbeat(hub, WebSocketConnection.class, websocket.getPingInterval(),
				websocket.getIdleTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(name = "realtimeWebSocketHandlerMapping")
	HandlerMapping realtimeWebSocketHandlerMapping(DefaultRealtimeHub hub, ProtocolCodec codec, HandshakeGuard guard,
			RealtimeHandler handler, ObjectProvider<RealtimeEndpoint> endpoints, LimitCounters counters,
			RealtimeProperties properties) {
		RealtimeProperties.Limits limits = properties.getLimits();
		WebsocketServerSpec spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength((int) limits.getMaxFrameSize().toBytes())
			.compress(properties.getWebsocket().isCompression())
			.build();
		WebSocketLimits connectionLimits = webSocketLimits(limits);
		Map<String, RealtimeWebSocketEndpoint> urlMap = new LinkedHashMap<>();
		urlMap.put(properties.getWebsocket().getPath(),
				new RealtimeWebSocketEndpoint(hub, codec, guard, handler, spec, connectionLimits, counters));
		endpoints.orderedStream()
			.forEach((endpoint) -> urlMap.put(endpoint.path(), new RealtimeWebSocketEndpoint(hub, codec, guard,
					endpoint.handler(), spec, connectionLimits, counters)));
		return new SimpleUrlHandlerMapping(urlMap, HANDLER_MAPPING_ORDER);
	}

	private static WebSocketLimits webSocketLimits(RealtimeProperties.Limits limits) {
		SlowConsumerRules slowConsumers = new SlowConsumerRules(limits.getSlowConsumer(),
				limits.getSlowConsumerRules()
					.stream()
					.map((rule) -> new SlowConsumerRules.Rule(new RoomPattern(rule.getPattern()), rule.getPolicy()))
					.toList());
		return new WebSocketLimits((int) limits.getOutboundBuffer().toBytes(), limits.getOutboundFrames(),
				limits.getSendTimeout(), limits.getMessagesPerSecond(), limits.getMessageBurst(), slowConsumers,
				limits.getMaxSwallowSize().toBytes());
	}

}
