package dev.realtime.autoconfigure;

import java.time.Duration;

import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.broker.LocalBroker;
import dev.realtime.history.HistoryStore;
import dev.realtime.history.InMemoryHistoryStore;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.HandshakeAuthenticator;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.RuleRoomAuthorizer;
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

class RealtimeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class));

	@Test
	void definesTheHubAndEverythingItNeeds() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DefaultRealtimeHub.class);
			assertThat(context).hasSingleBean(RealtimeHub.class);
			assertThat(context).getBean(Broker.class).isInstanceOf(LocalBroker.class);
			assertThat(context).getBean(HistoryStore.class).isInstanceOf(InMemoryHistoryStore.class);
			assertThat(context).getBean(RealtimeAuthenticator.class).isInstanceOf(HandshakeAuthenticator.class);
			assertThat(context).getBean(RoomAuthorizer.class).isInstanceOf(RuleRoomAuthorizer.class);
			assertThat(context).hasSingleBean(HandshakeGuard.class);
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
		});
	}

	@Test
	void backsOffFromEveryBeanTheApplicationDeclares() {
		this.contextRunner.withUserConfiguration(CustomBeans.class).run((context) -> {
			assertThat(context).getBean(Broker.class).isSameAs(context.getBean("customBroker"));
			assertThat(context).getBean(HistoryStore.class).isSameAs(context.getBean("customHistory"));
			assertThat(context).getBean(RealtimeAuthenticator.class).isSameAs(context.getBean("customAuthenticator"));
			assertThat(context).getBean(RoomAuthorizer.class).isSameAs(context.getBean("customAuthorizer"));
			assertThat(context).getBean(RoomNamePolicy.class).isSameAs(context.getBean("customRoomNames"));
			assertThat(context).getBean(ProtocolCodec.class).isSameAs(context.getBean("customCodec"));
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
					"realtime.websocket.ping-interval=3s", "realtime.rooms.max-name-length=8")
			.run((context) -> {
				RealtimeProperties properties = context.getBean(RealtimeProperties.class);
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
		assertThat(properties.getHistory().getSize()).isEqualTo(1000);
		assertThat(properties.getRooms().getNamePattern()).isEqualTo(RoomNamePolicy.DEFAULT_PATTERN);
		assertThat(properties.getRooms().getMaxNameLength()).isEqualTo(128);
		assertThat(properties.getRooms().isPublishRequiresSubscription()).isTrue();
		assertThat(properties.getLimits().getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.getLimits().getOutboundBuffer()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getLimits().getSubscriberBuffer()).isEqualTo(1024);
		assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		@Bean
		HistoryStore customHistory() {
			return new InMemoryHistoryStore(1);
		}

		@Bean
		Broker customBroker(HistoryStore history) {
			return new LocalBroker(history);
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

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHub {

		@Bean
		RealtimeHub customHub() {
			return org.mockito.Mockito.mock(RealtimeHub.class);
		}

	}

}
