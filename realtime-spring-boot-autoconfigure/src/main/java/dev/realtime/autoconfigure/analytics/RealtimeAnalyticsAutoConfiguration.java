package dev.realtime.autoconfigure.analytics;

import java.time.Clock;

import dev.realtime.RealtimeHub;
import dev.realtime.analytics.AnalyticsPublisher;
import dev.realtime.analytics.AnalyticsRoomAuthorizer;
import dev.realtime.analytics.AnalyticsStore;
import dev.realtime.analytics.AnalyticsTrackingEndpoint;
import dev.realtime.analytics.LiveAnalytics;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.autoconfigure.redis.RealtimeRedisAutoConfiguration;
import dev.realtime.security.ClientAddressLimits;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.RoomAuthorizer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of live analytics when {@code realtime.analytics.enabled=true}:
 * {@link LiveAnalytics} on a store in Redis when the Redis broker is configured (counts of the
 * whole cluster), else in memory; its snapshots every {@code publish-interval}, published to
 * {@code realtime.analytics.room}, where no client may publish; the HTTP tracking endpoint when
 * {@code realtime.analytics.tracking.enabled=true}; and the {@code realtime.analytics.*}
 * gauges. Every bean backs off when the application declares its own.
 */
@AutoConfiguration(after = { RealtimeAutoConfiguration.class, RealtimeRedisAutoConfiguration.class })
@ConditionalOnBooleanProperty("realtime.analytics.enabled")
@ConditionalOnBean(RealtimeHub.class)
@EnableConfigurationProperties({ RealtimeAnalyticsProperties.class, RealtimeProperties.class })
@Import({ AnalyticsStoreConfigurations.Redis.class, AnalyticsStoreConfigurations.InMemory.class,
		RealtimeAnalyticsAutoConfiguration.TrackingConfiguration.class,
		RealtimeAnalyticsAutoConfiguration.MetricsConfiguration.class })
public final class RealtimeAnalyticsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LiveAnalytics liveAnalytics(AnalyticsStore store) {
		return new LiveAnalytics(store, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	AnalyticsPublisher realtimeAnalyticsPublisher(LiveAnalytics analytics, RealtimeHub hub,
			RealtimeAnalyticsProperties properties) {
		String room = properties.getRoom();
		return new AnalyticsPublisher(analytics, hub, room.isEmpty() ? null : room, properties.getPublishInterval());
	}

	/**
	 * Wraps the room authorizer, the application's or the starter's, so that no client
	 * publishes to the analytics room. Static, as a post-processor must be created before the
	 * beans it processes.
	 */
	@Bean
	static BeanPostProcessor realtimeAnalyticsRoomGuard(Environment environment) {
		String room = Binder.get(environment)
			.bindOrCreate("realtime.analytics", RealtimeAnalyticsProperties.class)
			.getRoom();
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RoomAuthorizer authorizer && !(bean instanceof AnalyticsRoomAuthorizer)
						&& !room.isEmpty()) {
					return new AnalyticsRoomAuthorizer(authorizer, room);
				}
				return bean;
			}

		};
	}

	/** {@code POST {realtime.analytics.tracking.path}} takes events over HTTP. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(RouterFunction.class)
	@ConditionalOnBooleanProperty("realtime.analytics.tracking.enabled")
	static class TrackingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "realtimeAnalyticsRoutes")
		RouterFunction<ServerResponse> realtimeAnalyticsRoutes(LiveAnalytics analytics,
				ObjectProvider<JsonMapper> jsonMapper, LimitCounters counters, RealtimeAnalyticsProperties properties) {
			RealtimeAnalyticsProperties.Tracking tracking = properties.getTracking();
			ClientAddressLimits limits = ClientAddressLimits.ofRate(tracking.getEventsPerSecondPerAddress(),
					tracking.getEventBurstPerAddress(), LimitEvent.ANALYTICS_RATE_LIMITED, counters);
			AnalyticsTrackingEndpoint endpoint = new AnalyticsTrackingEndpoint(analytics,
					jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
					(int) tracking.getMaxBodySize().toBytes(), limits, counters);
			return RouterFunctions.route(RequestPredicates.POST(tracking.getPath()), endpoint);
		}

	}

	/** The {@code realtime.analytics.*} gauges, which any {@code MeterRegistry} binds. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RealtimeAnalyticsMeterBinder realtimeAnalyticsMeterBinder(LiveAnalytics analytics) {
			return new RealtimeAnalyticsMeterBinder(analytics);
		}

	}

}
