package dev.realtime.autoconfigure.inbox;

import java.time.Duration;
import java.util.UUID;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.autoconfigure.redis.RealtimeRedisAutoConfiguration;
import dev.realtime.inbox.DefaultNotificationInbox;
import dev.realtime.inbox.InMemoryNotificationStore;
import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.NotificationInbox;
import dev.realtime.inbox.NotificationPage;
import dev.realtime.inbox.NotificationStore;
import dev.realtime.redis.RedisNotificationStore;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeInboxAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static RedisServer redis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				RealtimeRedisAutoConfiguration.class, RealtimeAutoConfiguration.class,
				RealtimeInboxAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.port=" + redis.port(),
				"realtime.redis.key-prefix=rt" + UUID.randomUUID().toString().substring(0, 8) + ":");

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void definesAnInboxInMemoryByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(NotificationInbox.class).isInstanceOf(DefaultNotificationInbox.class);
			assertThat(context).getBean(NotificationStore.class).isInstanceOf(InMemoryNotificationStore.class);
		});
	}

	@Test
	void putsTheInboxOnRedisWithTheRedisBroker() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis").run((context) -> {
			assertThat(context).getBean(NotificationStore.class).isInstanceOf(RedisNotificationStore.class);
			assertThat(context).doesNotHaveBean(InMemoryNotificationStore.class);
			NotificationInbox inbox = context.getBean(NotificationInbox.class);
			inbox.send("ann", NewNotification.of("on redis", null)).block(WAIT);
			assertThat(inbox.unreadCount("ann").block(WAIT)).isEqualTo(1);
		});
	}

	@Test
	void staysInMemoryWithoutLettuceEvenWithTheRedisBrokerAsked() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis")
			.withClassLoader(new FilteredClassLoader(io.lettuce.core.ClientOptions.class))
			.run((context) -> assertThat(context).getBean(NotificationStore.class)
				.isInstanceOf(InMemoryNotificationStore.class));
	}

	@Test
	void keepsWhatTheRetentionPropertiesSay() {
		this.contextRunner.withPropertyValues("realtime.notifications.max-per-user=2",
				"realtime.notifications.max-age=1h")
			.run((context) -> {
				RealtimeProperties.Notifications notifications = context.getBean(RealtimeProperties.class)
					.getNotifications();
				assertThat(notifications.getMaxAge()).isEqualTo(Duration.ofHours(1));
				NotificationInbox inbox = context.getBean(NotificationInbox.class);
				for (int i = 1; i <= 3; i++) {
					inbox.send("ann", NewNotification.of("n" + i, null)).block(WAIT);
				}
				assertThat(inbox.list("ann", NotificationPage.first(10)).collectList().block(WAIT)).extracting("title")
					.containsExactly("n3", "n2");
			});
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("realtime.notifications.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(NotificationInbox.class);
			assertThat(context).doesNotHaveBean(NotificationStore.class);
		});
	}

	@Test
	void isOffWithoutAHub() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NotificationInbox.class));
	}

	@Test
	void backsOffFromTheInboxAndStoreTheApplicationDeclares() {
		NotificationInbox custom = Mockito.mock(NotificationInbox.class);
		this.contextRunner.withBean("customStore", NotificationStore.class,
				() -> new InMemoryNotificationStore(1, Duration.ofMinutes(1)))
			.withBean("customInbox", NotificationInbox.class, () -> custom)
			.run((context) -> {
				assertThat(context).getBean(NotificationInbox.class).isSameAs(custom);
				assertThat(context).getBean(NotificationStore.class).isSameAs(context.getBean("customStore"));
			});
	}

	@Test
	void backsOffFromTheStoreOnlyAndBuildsTheInboxOnIt() {
		this.contextRunner.withPropertyValues("realtime.broker.type=redis")
			.withBean("customStore", NotificationStore.class,
					() -> new InMemoryNotificationStore(1, Duration.ofMinutes(1)))
			.run((context) -> {
				assertThat(context).getBean(NotificationStore.class).isSameAs(context.getBean("customStore"));
				assertThat(context).hasSingleBean(DefaultNotificationInbox.class);
			});
	}

	@Test
	void defaultsMatchTheDocumentedOnes() {
		RealtimeProperties.Notifications notifications = new RealtimeProperties().getNotifications();
		assertThat(notifications.isEnabled()).isTrue();
		assertThat(notifications.getMaxPerUser()).isEqualTo(100);
		assertThat(notifications.getMaxAge()).isEqualTo(Duration.ofDays(30));
	}

}
