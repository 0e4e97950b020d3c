package dev.realtime.autoconfigure.web;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.client.ClientConfigEndpoint;
import dev.realtime.client.ClientScript;
import dev.realtime.client.ClientSettings;
import dev.realtime.security.HandshakeGuard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration of the JavaScript client: {@code GET {realtime.client.path}/client.js}
 * serves it and {@code GET {realtime.client.path}/config} tells it where the endpoints are and
 * how to reconnect.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(RealtimeHub.class)
@ConditionalOnBooleanProperty(name = "realtime.client.enabled", matchIfMissing = true)
public final class RealtimeClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "realtimeClientRoutes")
	RouterFunction<ServerResponse> realtimeClientRoutes(RealtimeProperties properties, HandshakeGuard guard) {
		RealtimeProperties.Client client = properties.getClient();
		ClientSettings settings = new ClientSettings(properties.getWebsocket().getPath(),
				properties.getWebsocket().getPingInterval(), properties.getSse().getPath(),
				properties.getSse().getHeartbeatInterval(), client.getInitialBackoff(), client.getMaxBackoff());
		return RouterFunctions.route()
			.route(getOrHead(client.getPath() + "/client.js"), new ClientScript())
			.route(getOrHead(client.getPath() + "/config"), new ClientConfigEndpoint(settings, guard))
			.build();
	}

	/** Like static resources, the client answers HEAD too (without a body). */
	private static RequestPredicate getOrHead(String path) {
		return RequestPredicates.GET(path).or(RequestPredicates.HEAD(path));
	}

}
