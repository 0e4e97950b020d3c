package dev.realtime.autoconfigure.redis;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.broker.Broker;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.presence.PresenceStore;
import dev.realtime.redis.RedisBroker;
import dev.realtime.redis.RedisConnections;
import dev.realtime.redis.RedisPresenceStore;
import io.lettuce.core.ClientOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the Redis engine when {@code realtime.broker.type=redis}: the
 * {@link RedisBroker} and the {@link RedisPresenceStore}, on the Lettuce connection factory
 * that Spring Boot configures from {@code spring.data.redis.*}. Runs before the core
 * auto-configuration, whose in-memory broker and presence store then back off.
 */
@AutoConfiguration(before = RealtimeAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisBroker.class, ClientOptions.class, LettuceConnectionFactory.class })
@ConditionalOnBooleanProperty(name = "realtime.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "realtime.broker.type", havingValue = "redis")
@EnableConfigurationProperties(RealtimeProperties.class)
public final class RealtimeRedisAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisConnections realtimeRedisConnections(ObjectProvider<LettuceConnectionFactory> connectionFactory) {
		LettuceConnectionFactory factory = connectionFactory.getIfAvailable();
		if (factory == null) {
			throw new InvalidConfigurationPropertyValueException("realtime.broker.type", "redis",
					"The Redis broker needs a Lettuce connection to Redis: add spring-boot-starter-data-redis "
							+ "to the application and set spring.data.redis.* (host, port, or cluster nodes)");
		}
		return RedisConnections.of(factory.getRequiredNativeClient());
	}

	@Bean
	@ConditionalOnMissingBean(Broker.class)
	RedisBroker realtimeBroker(RedisConnections connections, RealtimeProperties properties) {
		RealtimeProperties.History history = properties.getHistory();
		RealtimeProperties.Redis redis = properties.getRedis();
		return new RedisBroker(connections, redis.getKeyPrefix(), HistoryLimits.of(history.getSize(), history.getTtl()),
				redis.getTimeout(), redis.isShardedPubsub());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(PresenceStore.class)
	RedisPresenceStore realtimePresenceStore(RedisConnections connections, RealtimeProperties properties) {
		RealtimeProperties.Presence presence = properties.getPresence();
		return new RedisPresenceStore(connections, properties.getRedis().getKeyPrefix(), presence.getTtl(),
				presence.getRefreshInterval(), properties.getRedis().getTimeout());
	}

	/**
	 * Commands fail at once while the connection is down, instead of waiting in Lettuce's queue
	 * to run minutes later: a publication the client was told failed must not happen after all.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer realtimeRejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
