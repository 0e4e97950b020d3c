package dev.realtime.autoconfigure.web;

import java.util.Map;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.hub.Heartbeat;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.protocol.ProtocolHooks;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.sse.RealtimeSseEndpoint;
import dev.realtime.sse.SseLimits;
import dev.realtime.sse.SseConnection;
import dev.realtime.sse.SseStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import reactor.netty.http.server.HttpServer;

/**
 * Auto-configuration of Server-Sent Events: the endpoint at {@code realtime.sse.path} (a bean
 * the application's controllers may stream rooms with too), its heartbeat, and
 * {@link SseStreams} for the application's own controllers. Needs WebFlux on Reactor Netty.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerSentEvent.class, HttpServer.class })
@ConditionalOnBean(RealtimeHub.class)
public final class RealtimeSseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SseStreams realtimeSseStreams(RealtimeHub hub, RealtimeProperties properties) {
		return new SseStreams(hub, properties.getSse().getHeartbeatInterval());
	}

	@Bean
	@ConditionalOnBean(DefaultRealtimeHub.class)
	@ConditionalOnMissingBean(name = "realtimeSseHeartbeat")
	Heartbeat realtimeSseHeartbeat(DefaultRealtimeHub hub, RealtimeProperties properties) {
		return new Heartbeat(hub, SseConnection.class, properties.getSse().getHeartbeatInterval(), null);
	}

	/** The endpoint, which the application's controllers may also stream rooms with. */
	@Bean
	@ConditionalOnBean(DefaultRealtimeHub.class)
	@ConditionalOnMissingBean
	RealtimeSseEndpoint realtimeSseEndpoint(DefaultRealtimeHub hub, ProtocolCodec codec, HandshakeGuard guard,
			RoomAuthorizer authorizer, RoomNamePolicy roomNames, ObjectProvider<ProtocolHooks> hooks,
			RealtimeProperties properties) {
		RealtimeProperties.Limits limits = properties.getLimits();
		return new RealtimeSseEndpoint(hub, codec, guard, authorizer, roomNames, properties.getSse().getRetry(),
				new SseLimits(limits.getOutboundBuffer().toBytes(), limits.getOutboundFrames(),
						limits.getMaxRoomsPerConnection()),
				hooks.getIfAvailable(() -> ProtocolHooks.NONE));
	}

	@Bean
	@ConditionalOnBean(DefaultRealtimeHub.class)
	@ConditionalOnMissingBean(name = "realtimeSseHandlerMapping")
	HandlerMapping realtimeSseHandlerMapping(RealtimeSseEndpoint endpoint, RealtimeProperties properties) {
		return new SimpleUrlHandlerMapping(Map.of(properties.getSse().getPath(), endpoint),
				Ordered.HIGHEST_PRECEDENCE + 100);
	}

}
