package dev.realtime.autoconfigure.inbox;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.inbox.DefaultNotificationInbox;
import dev.realtime.inbox.InMemoryNotificationStore;
import dev.realtime.inbox.NotificationInbox;
import dev.realtime.inbox.NotificationStore;
import dev.realtime.redis.RedisConnections;
import dev.realtime.redis.RedisNotificationStore;
import dev.realtime.security.RoomNamePolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the users' {@link NotificationInbox}, unless
 * {@code realtime.notifications.enabled=false}: its store is in Redis when the Redis engine's
 * connections are there, so that every node sees the same inbox, else in this node's memory.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class,
		afterName = "dev.realtime.autoconfigure.redis.RealtimeRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "realtime.notifications.enabled", matchIfMissing = true)
@ConditionalOnBean(RealtimeHub.class)
@EnableConfigurationProperties(RealtimeProperties.class)
public final class RealtimeInboxAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(NotificationStore.class)
	InMemoryNotificationStore realtimeNotificationStore(RealtimeProperties properties) {
		RealtimeProperties.Notifications notifications = properties.getNotifications();
		return new InMemoryNotificationStore(notifications.getMaxPerUser(), notifications.getMaxAge());
	}

	@Bean
	@ConditionalOnMissingBean
	NotificationInbox realtimeNotificationInbox(NotificationStore store, RealtimeHub hub,
			ObjectProvider<JsonMapper> jsonMapper, RoomNamePolicy roomNames) {
		return new DefaultNotificationInbox(store, hub, RealtimeAutoConfiguration.jsonMapper(jsonMapper), roomNames);
	}

	// A nested configuration's beans are registered before those of the class holding it: the
	// Redis store comes first, and the in-memory one backs off.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisNotificationStore.class)
	@ConditionalOnBean(RedisConnections.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(NotificationStore.class)
		RedisNotificationStore realtimeNotificationStore(RedisConnections connections, RealtimeProperties properties) {
			RealtimeProperties.Notifications notifications = properties.getNotifications();
			return new RedisNotificationStore(connections, properties.getRedis().getKeyPrefix(),
					notifications.getMaxPerUser(), notifications.getMaxAge(), properties.getRedis().getTimeout());
		}

	}

}
