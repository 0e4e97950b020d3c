package dev.realtime.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.broker.LocalBroker;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.presence.InMemoryPresenceStore;
import dev.realtime.presence.PresenceStore;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.ClientAddressLimits;
import dev.realtime.security.ConcurrentHandshakes;
import dev.realtime.security.ConnectionLimits;
import dev.realtime.security.HandshakeAuthenticator;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.HandshakeRejectedException;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.OriginPolicy;
import dev.realtime.security.RuleRoomAuthorizer;
import dev.realtime.security.SlowConsumerPolicy;
import dev.realtime.security.RealtimeAuthenticator;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RealtimeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class));

	@Test
	void definesTheHubAndEverythingItNeeds() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DefaultRealtimeHub.class);
			assertThat(context).hasSingleBean(RealtimeHub.class);
			assertThat(context).getBean(Broker.class).isInstanceOf(LocalBroker.class);
			assertThat(context).getBean(PresenceStore.class).isInstanceOf(InMemoryPresenceStore.class);
			assertThat(context).getBean(RealtimeAuthenticator.class).isInstanceOf(HandshakeAuthenticator.class);
			assertThat(context).getBean(RoomAuthorizer.class).isInstanceOf(RuleRoomAuthorizer.class);
			assertThat(context).hasSingleBean(HandshakeGuard.class);
			assertThat(context).hasSingleBean(ClientAddressLimits.class);
			assertThat(context).hasSingleBean(LimitCounters.class);
			assertThat(context).hasSingleBean(RoomNamePolicy.class);
			assertThat(context).hasSingleBean(ProtocolCodec.class);
			assertThat(context).hasSingleBean(RealtimeShutdown.class);
		});
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("realtime.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RealtimeHub.class);
			assertThat(context).doesNotHaveBean(Broker.class);
			assertThat(context).doesNotHaveBean(RealtimeProperties.class);
			assertThat(context).doesNotHaveBean(ClientAddressLimits.class);
		});
	}

	@Test
	void limitsClientAddressesAsConfigured() {
		InetSocketAddress client = new InetSocketAddress("192.0.2.1", 40000);
		this.contextRunner
			.withPropertyValues("realtime.limits.handshakes-per-second-per-address=1",
					"realtime.limits.handshake-burst-per-address=2", "realtime.limits.max-connections-per-address=1")
			.run((context) -> {
				ClientAddressLimits limits = context.getBean(ClientAddressLimits.class);
				limits.admitHandshake(client);
				limits.admitHandshake(client);
				assertThatExceptionOfType(HandshakeRejectedException.class)
					.isThrownBy(() -> limits.admitHandshake(client));
				limits.acquire(client);
				assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> limits.acquire(client));
			});
		this.contextRunner
			.withPropertyValues("realtime.limits.handshakes-per-second-per-address=0",
					"realtime.limits.max-connections-per-address=-1")
			.run((context) -> {
				ClientAddressLimits limits = context.getBean(ClientAddressLimits.class);
				for (int i = 0; i < 1000; i++) {
					limits.admitHandshake(client);
					limits.acquire(client);
				}
			});
	}

	@Test
	void backsOffFromEveryBeanTheApplicationDeclares() {
		this.contextRunner.withUserConfiguration(CustomBeans.class).run((context) -> {
			assertThat(context).getBean(Broker.class).isSameAs(context.getBean("customBroker"));
			assertThat(context).getBean(PresenceStore.class).isSameAs(context.getBean("customPresence"));
			assertThat(context).getBean(RealtimeAuthenticator.class).isSameAs(context.getBean("customAuthenticator"));
			assertThat(context).getBean(RoomAuthorizer.class).isSameAs(context.getBean("customAuthorizer"));
			assertThat(context).getBean(RoomNamePolicy.class).isSameAs(context.getBean("customRoomNames"));
			assertThat(context).getBean(ProtocolCodec.class).isSameAs(context.getBean("customCodec"));
			assertThat(context).getBean(LimitCounters.class).isSameAs(context.getBean("customCounters"));
			assertThat(context).getBean(OriginPolicy.class).isSameAs(context.getBean("customOrigins"));
			assertThat(context).getBean(ConnectionLimits.class).isSameAs(context.getBean("customConnectionLimits"));
			assertThat(context).getBean(ClientAddressLimits.class).isSameAs(context.getBean("customAddressLimits"));
			assertThat(context).getBean(ConcurrentHandshakes.class).isSameAs(context.getBean("customHandshakes"));
			assertThat(context).getBean(HandshakeGuard.class).isSameAs(context.getBean("customGuard"));
		});
	}

	@Test
	void backsOffFromTheHubWhenTheApplicationHasOne() {
		this.contextRunner.withUserConfiguration(CustomHub.class).run((context) -> {
			assertThat(context).hasSingleBean(RealtimeHub.class);
			assertThat(context).getBean(RealtimeHub.class).isSameAs(context.getBean("customHub"));
			assertThat(context).doesNotHaveBean(RealtimeShutdown.class);
		});
	}

	@Test
	void usesTheApplicationsJsonMapper() {
		JsonMapper mapper = JsonMapper.builder().build();
		this.contextRunner.withBean(JsonMapper.class, () -> mapper)
			.run((context) -> assertThat(context.getBean(ProtocolCodec.class)).extracting("mapper").isSameAs(mapper));
	}

	@Test
	void bindsProperties() {
		this.contextRunner
			.withPropertyValues("realtime.history.size=5", "realtime.limits.max-frame-size=2KB",
					"realtime.websocket.ping-interval=3s", "realtime.rooms.max-name-length=8",
					"realtime.limits.slow-consumer=conflate", "realtime.limits.slow-consumer-rules[0].pattern=feed:*",
					"realtime.limits.slow-consumer-rules[0].policy=drop-oldest", "realtime.limits.send-timeout=2s",
					"realtime.security.allowed-origins=https://*.example.com,http://localhost:[*]")
			.run((context) -> {
				RealtimeProperties properties = context.getBean(RealtimeProperties.class);
				assertThat(properties.getLimits().getSlowConsumer()).isEqualTo(SlowConsumerPolicy.CONFLATE);
				assertThat(properties.getLimits().getSlowConsumerRules().get(0).getPolicy())
					.isEqualTo(SlowConsumerPolicy.DROP_OLDEST);
				assertThat(properties.getLimits().getSendTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getSecurity().getAllowedOrigins()).containsExactly("https://*.example.com",
						"http://localhost:[*]");
				assertThat(properties.getHistory().getSize()).isEqualTo(5);
				assertThat(properties.getLimits().getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(2));
				assertThat(properties.getWebsocket().getPingInterval()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean(RoomNamePolicy.class).problem("123456789")).contains("longer than 8");
			});
	}

	@Test
	void defaultsMatchTheDocumentedOnes() {
		RealtimeProperties properties = new RealtimeProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getWebsocket().getPath()).isEqualTo("/realtime/ws");
		assertThat(properties.getWebsocket().getPingInterval()).isEqualTo(Duration.ofSeconds(25));
		assertThat(properties.getWebsocket().getIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getWebsocket().isCompression()).isFalse();
		assertThat(properties.getHistory().getSize()).isEqualTo(1000);
		assertThat(properties.getHistory().getTtl()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.getHistory().getMaxRoomSize()).isEqualTo(DataSize.ofMegabytes(4));
		assertThat(properties.getHistory().getMaxTotalSize()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(properties.getHistory().getMaxReplay()).isEqualTo(1000);
		assertThat(properties.getHistory().getReplayRate()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getPresence().getJoinLeaveRooms()).containsExactly("*");
		assertThat(properties.getPresence().getJoinLeaveMaxMembers()).isEqualTo(100);
		assertThat(properties.getSse().getPath()).isEqualTo("/realtime/sse");
		assertThat(properties.getSse().getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
		assertThat(properties.getSse().getRetry()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.getRooms().getNamePattern()).isEqualTo(RoomNamePolicy.DEFAULT_PATTERN);
		assertThat(properties.getRooms().getMaxNameLength()).isEqualTo(128);
		assertThat(properties.getRooms().isPublishRequiresSubscription()).isTrue();
		assertThat(properties.getLimits().getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.getLimits().getMaxSwallowSize()).isEqualTo(DataSize.ofMegabytes(8));
		assertThat(properties.getLimits().getOutboundBuffer()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getLimits().getOutboundFrames()).isEqualTo(4096);
		assertThat(properties.getLimits().getSendTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getLimits().getSlowConsumer()).isEqualTo(SlowConsumerPolicy.DISCONNECT);
		assertThat(properties.getLimits().getSlowConsumerRules()).isEmpty();
		assertThat(properties.getLimits().getMaxJsonDepth()).isEqualTo(ProtocolCodec.DEFAULT_MAX_DEPTH);
		assertThat(properties.getLimits().getMessagesPerSecond()).isEqualTo(50);
		assertThat(properties.getLimits().getMessageBurst()).isEqualTo(100);
		assertThat(properties.getLimits().getMaxConnections()).isEqualTo(10_000);
		assertThat(properties.getLimits().getMaxConnectionsPerUser()).isEqualTo(20);
		assertThat(properties.getLimits().getMaxConnectionsPerAddress()).isEqualTo(1000);
		assertThat(properties.getLimits().getHandshakesPerSecondPerAddress()).isEqualTo(20);
		assertThat(properties.getLimits().getHandshakeBurstPerAddress()).isEqualTo(100);
		assertThat(properties.getLimits().getMaxOpenConnections()).isNull();
		assertThat(properties.getLimits().getRequestHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getLimits().getKeepAliveTimeout()).isEqualTo(Duration.ofSeconds(75));
		assertThat(properties.getLimits().getMaxRoomsPerConnection()).isEqualTo(100);
		assertThat(properties.getLimits().getMaxRoomMembers()).isEqualTo(-1);
		assertThat(properties.getSecurity().getAllowAnonymous()).isNull();
		assertThat(properties.getSecurity().getAllowedOrigins()).isEmpty();
		assertThat(properties.getSecurity().getTokenParameter()).isEqualTo("token");
		assertThat(properties.getSecurity().getUserIdClaim()).isEqualTo("sub");
		assertThat(properties.getSecurity().getRoomRules()).isEmpty();
		assertThat(properties.getLimits().getSubscriberBuffer()).isEqualTo(1024);
		assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		@Bean
		PresenceStore customPresence() {
			return new InMemoryPresenceStore();
		}

		@Bean
		Broker customBroker() {
			return new LocalBroker(HistoryLimits.of(1, Duration.ofSeconds(1)));
		}

		@Bean
		RealtimeAuthenticator customAuthenticator() {
			return (exchange) -> Mono.empty();
		}

		@Bean
		RoomAuthorizer customAuthorizer() {
			return new UserRoomAuthorizer();
		}

		@Bean
		RoomNamePolicy customRoomNames() {
			return new RoomNamePolicy("[a-z]+", 10);
		}

		@Bean
		ProtocolCodec customCodec() {
			return new ProtocolCodec(JsonMapper.builder().build());
		}

		@Bean
		LimitCounters customCounters() {
			return new LimitCounters();
		}

		@Bean
		OriginPolicy customOrigins() {
			return new OriginPolicy(List.of("*"));
		}

		@Bean
		ConnectionLimits customConnectionLimits(LimitCounters counters) {
			return new ConnectionLimits(1, 1, counters);
		}

		@Bean
		ClientAddressLimits customAddressLimits(LimitCounters counters) {
			return new ClientAddressLimits(1, 1, 1, counters);
		}

		@Bean
		ConcurrentHandshakes customHandshakes(LimitCounters counters) {
			return new ConcurrentHandshakes(1, counters);
		}

		@Bean
		HandshakeGuard customGuard(OriginPolicy origins, RealtimeAuthenticator authenticator, ConnectionLimits limits,
				ClientAddressLimits addressLimits, ConcurrentHandshakes handshakes, LimitCounters counters) {
			return new HandshakeGuard(origins, authenticator, limits, addressLimits, handshakes, counters);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHub {

		@Bean
		RealtimeHub customHub() {
			return org.mockito.Mockito.mock(RealtimeHub.class);
		}

	}

}
