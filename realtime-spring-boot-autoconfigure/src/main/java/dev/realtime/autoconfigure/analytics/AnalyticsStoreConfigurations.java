package dev.realtime.autoconfigure.analytics;

import dev.realtime.analytics.AnalyticsStore;
import dev.realtime.analytics.InMemoryAnalyticsStore;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.redis.RedisAnalyticsStore;
import dev.realtime.redis.RedisConnections;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The analytics stores, imported in this order: Redis's when the Redis broker's connections
 * are there, else memory's. Apart from the auto-configuration, whose member classes Spring would
 * process in no set order.
 */
final class AnalyticsStoreConfigurations {

	private AnalyticsStoreConfigurations() {
	}

	/** Counts of the whole cluster, in the Redis of the broker. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	@ConditionalOnBean(RedisConnections.class)
	static class Redis {

		@Bean
		@ConditionalOnMissingBean(AnalyticsStore.class)
		RedisAnalyticsStore realtimeAnalyticsStore(RedisConnections connections, RealtimeProperties realtime,
				RealtimeAnalyticsProperties properties) {
			return new RedisAnalyticsStore(connections, realtime.getRedis().getKeyPrefix(), properties.getActiveWindow(),
					properties.getMaxEventTypes(), realtime.getRedis().getTimeout());
		}

	}

	/** Counts of this node, for a single node. */
	@Configuration(proxyBeanMethods = false)
	static class InMemory {

		@Bean
		@ConditionalOnMissingBean(AnalyticsStore.class)
		InMemoryAnalyticsStore realtimeAnalyticsStore(RealtimeAnalyticsProperties properties) {
			return new InMemoryAnalyticsStore(properties.getActiveWindow(), properties.getMaxEventTypes());
		}

	}

}
