package dev.realtime.autoconfigure.web;

import dev.realtime.RealtimeHub;
import dev.realtime.api.ServerApi;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.broker.Broker;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.RoomNamePolicy;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration of the HTTP server API at {@code realtime.api.path}, off unless
 * {@code realtime.api.enabled=true}. The API needs a key ({@code realtime.api.key}), unless
 * Spring Security's WebFlux filter chain protects it: then its rules apply, and a key only if
 * one is set too. Enabled with neither, the application fails to start.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(RealtimeHub.class)
@ConditionalOnBooleanProperty("realtime.api.enabled")
public final class RealtimeApiAutoConfiguration {

	/** The beans of Spring Security's WebFlux filter chain, either of which protects every path. */
	private static final String[] SPRING_SECURITY_CHAIN = { "org.springframework.security.web.server.SecurityWebFilterChain",
			"org.springframework.security.web.server.WebFilterChainProxy" };

	@Bean
	@ConditionalOnMissingBean(name = "realtimeApiRoutes")
	RouterFunction<ServerResponse> realtimeApiRoutes(RealtimeHub hub, Broker broker, ProtocolCodec codec,
			RoomNamePolicy roomNames, RealtimeProperties properties, ConfigurableListableBeanFactory beans) {
		RealtimeProperties.Api api = properties.getApi();
		String key = StringUtils.hasText(api.getKey()) ? api.getKey() : null;
		if (key == null && !hasSpringSecurity(beans)) {
			throw new IllegalStateException("realtime.api.enabled=true needs a key: set realtime.api.key (from the "
					+ "environment, say: REALTIME_API_KEY), or protect " + api.getPath()
					+ "/** with Spring Security (a SecurityWebFilterChain bean)");
		}
		return new ServerApi(hub, broker, codec, roomNames, Math.toIntExact(api.getMaxBodySize().toBytes()),
				properties.getHistory().getMaxReplay())
			.routes(api.getPath(), key);
	}

	private static boolean hasSpringSecurity(ConfigurableListableBeanFactory beans) {
		for (String type : SPRING_SECURITY_CHAIN) {
			if (ClassUtils.isPresent(type, beans.getBeanClassLoader())
					&& beans.getBeanNamesForType(ClassUtils.resolveClassName(type, beans.getBeanClassLoader())).length > 0) {
				return true;
			}
		}
		return false;
	}

}
