package dev.realtime.autoconfigure.redis;

import java.time.Duration;
import java.util.UUID;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.broker.Broker;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.LocalBroker;
import dev.realtime.presence.InMemoryPresenceStore;
import dev.realtime.presence.PresenceStore;
import dev.realtime.redis.RedisBroker;
import dev.realtime.redis.RedisPresenceStore;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeRedisAutoConfigurationTests {

	private static RedisServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				RealtimeRedisAutoConfiguration.class, RealtimeAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.port=" + server.port(),
				"realtime.redis.key-prefix=rt" + UUID.randomUUID().toString().substring(0, 8) + ":");

	@BeforeAll
	static void startRedis() {
		server = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		server.close();
	}

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(Broker.class).isInstanceOf(LocalBroker.class);
			assertThat(context).getBean(PresenceStore.class).isInstanceOf(InMemoryPresenceStore.class);
			assertThat(context).doesNotHaveBean(RealtimeRedisAutoConfiguration.class);
		});
	}

	@Test
	void putsTheBrokerAndPresenceOnRedisWhenAskedTo() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis", "realtime.redis.timeout=3s").run((context) -> {
			assertThat(context).getBean(Broker.class).isInstanceOf(RedisBroker.class);
			assertThat(context).getBean(PresenceStore.class).isInstanceOf(RedisPresenceStore.class);
			assertThat(context).doesNotHaveBean(LocalBroker.class);
			context.getBean(Broker.class).ping().block(Duration.ofSeconds(5));
		});
	}

	@Test
	void backsOffFromTheBrokerAndPresenceStoreTheApplicationDeclares() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis")
			.withBean("customBroker", Broker.class, () -> new LocalBroker(HistoryLimits.of(1, Duration.ofSeconds(1))))
			.withBean("customPresence", PresenceStore.class, InMemoryPresenceStore::new)
			.run((context) -> {
				assertThat(context).getBean(Broker.class).isSameAs(context.getBean("customBroker"));
				assertThat(context).getBean(PresenceStore.class).isSameAs(context.getBean("customPresence"));
			});
	}

	@Test
	void failsToStartWithAClearErrorWithoutAConnectionToRedis() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RealtimeRedisAutoConfiguration.class, RealtimeAutoConfiguration.class))
			.withPropertyValues("realtime.broker.type=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void needsLettuce() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis")
			.withClassLoader(new FilteredClassLoader(io.lettuce.core.ClientOptions.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBroker.class));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis", "realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBroker.class));
	}

}
