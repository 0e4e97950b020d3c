package dev.realtime.autoconfigure;

import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.broker.LocalBroker;
import dev.realtime.history.HistoryStore;
import dev.realtime.history.InMemoryHistoryStore;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.PrincipalAuthenticator;
import dev.realtime.security.RealtimeAuthenticator;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the realtime hub: its broker, history,
 * protocol codec and security hooks. Every bean backs off when the application declares its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "realtime.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RealtimeProperties.class)
public final class RealtimeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProtocolCodec realtimeProtocolCodec(ObjectProvider<JsonMapper> jsonMapper) {
		return new ProtocolCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean(HistoryStore.class)
	InMemoryHistoryStore realtimeHistoryStore(RealtimeProperties properties) {
		RealtimeProperties.History history = properties.getHistory();
		return new InMemoryHistoryStore(history.getSize(), history.getTtl());
	}

	@Bean
	@ConditionalOnMissingBean(Broker.class)
	LocalBroker realtimeBroker(HistoryStore historyStore) {
		return new LocalBroker(historyStore);
	}

	@Bean
	@ConditionalOnMissingBean
	RoomNamePolicy realtimeRoomNamePolicy(RealtimeProperties properties) {
		RealtimeProperties.Rooms rooms = properties.getRooms();
		return new RoomNamePolicy(rooms.getNamePattern(), rooms.getMaxNameLength());
	}

	@Bean
	@ConditionalOnMissingBean
	RoomAuthorizer realtimeRoomAuthorizer() {
		return new UserRoomAuthorizer();
	}

	@Bean
	@ConditionalOnMissingBean
	RealtimeAuthenticator realtimeAuthenticator() {
		return new PrincipalAuthenticator();
	}

	/** The starter's own hub, and what only it supports, unless the application has a hub. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(RealtimeHub.class)
	static class DefaultHubConfiguration {

		@Bean
		DefaultRealtimeHub realtimeHub(Broker broker, HistoryStore history, ProtocolCodec codec,
				RoomNamePolicy roomNames, RealtimeProperties properties, ObjectProvider<RealtimeMetrics> metrics) {
			return new DefaultRealtimeHub(broker, history, codec, roomNames,
					properties.getLimits().getSubscriberBuffer(), metrics.getIfAvailable(() -> RealtimeMetrics.NONE));
		}

		@Bean
		@ConditionalOnMissingBean
		RealtimeShutdown realtimeShutdown(DefaultRealtimeHub hub, RealtimeProperties properties) {
			return new RealtimeShutdown(hub, properties.getShutdown().getTimeout());
		}

	}

}
