package dev.realtime.autoconfigure.analytics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.realtime.RealtimePrincipal;
import dev.realtime.analytics.AnalyticsEvent;
import dev.realtime.analytics.AnalyticsPublisher;
import dev.realtime.analytics.AnalyticsStore;
import dev.realtime.analytics.InMemoryAnalyticsStore;
import dev.realtime.analytics.LiveAnalytics;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.redis.RealtimeRedisAutoConfiguration;
import dev.realtime.redis.RedisAnalyticsStore;
import dev.realtime.redis.RedisServer;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RuleRoomAuthorizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RealtimeAnalyticsAutoConfigurationTests {

	private static RedisServer redis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class,
				RealtimeAnalyticsAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner webContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class,
				RealtimeAnalyticsAutoConfiguration.class))
		.withPropertyValues("realtime.analytics.enabled=true");

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void isOffUnlessEnabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(LiveAnalytics.class)
				.doesNotHaveBean(AnalyticsStore.class)
				.doesNotHaveBean(AnalyticsPublisher.class)
				.doesNotHaveBean(RealtimeAnalyticsMeterBinder.class);
			assertThat(context.getBean(RoomAuthorizer.class)).isInstanceOf(RuleRoomAuthorizer.class);
		});
	}

	@Test
	void countsInMemoryWhenEnabledOnOneNode() {
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(LiveAnalytics.class)
				.hasSingleBean(AnalyticsPublisher.class)
				.hasSingleBean(RealtimeAnalyticsMeterBinder.class);
			assertThat(context).getBean(AnalyticsStore.class).isInstanceOf(InMemoryAnalyticsStore.class);
			LiveAnalytics analytics = context.getBean(LiveAnalytics.class);
			analytics.track(AnalyticsEvent.pageView("alice")).block();
			assertThat(analytics.snapshot().block().pageViews()).isEqualTo(1);
		});
	}

	@Test
	void needsTheHub() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RealtimeAnalyticsAutoConfiguration.class))
			.withPropertyValues("realtime.analytics.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(LiveAnalytics.class));
	}

	@Test
	void countsInRedisWhenTheBrokerIsThere() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RealtimeRedisAutoConfiguration.class, RealtimeAutoConfiguration.class,
					RealtimeAnalyticsAutoConfiguration.class))
			.withPropertyValues("realtime.analytics.enabled=true", "realtime.broker.type=redis",
					"spring.data.redis.port=" + redis.port(),
					"realtime.redis.key-prefix=rt" + UUID.randomUUID().toString().substring(0, 8) + ":")
			.run((context) -> {
				assertThat(context).getBean(AnalyticsStore.class).isInstanceOf(RedisAnalyticsStore.class);
				LiveAnalytics analytics = context.getBean(LiveAnalytics.class);
				analytics.track(AnalyticsEvent.of("signup", "bob")).block(Duration.ofSeconds(5));
				assertThat(analytics.snapshot().block(Duration.ofSeconds(5)).uniqueVisitors()).isEqualTo(1);
			});
	}

	@Test
	void backsOffFromTheApplicationsStoreAnalyticsAndPublisher() {
		AnalyticsStore store = new InMemoryAnalyticsStore(Duration.ofMinutes(1), 10);
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true")
			.withBean("ownStore", AnalyticsStore.class, () -> store)
			.run((context) -> assertThat(context).getBean(AnalyticsStore.class).isSameAs(store));
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true")
			.withBean("ownAnalytics", LiveAnalytics.class,
					() -> new LiveAnalytics(store, Clock.systemUTC()))
			.withBean("ownMeters", RealtimeAnalyticsMeterBinder.class,
					() -> new RealtimeAnalyticsMeterBinder(new LiveAnalytics(store, Clock.systemUTC())))
			.run((context) -> {
				assertThat(context).getBean(LiveAnalytics.class).isSameAs(context.getBean("ownAnalytics"));
				assertThat(context).getBean(RealtimeAnalyticsMeterBinder.class).isSameAs(context.getBean("ownMeters"));
			});
	}

	@Test
	void noClientPublishesToTheAnalyticsRoomWhateverTheAuthorizer() {
		RoomAuthorizer anything = new RoomAuthorizer() {

			@Override
			public boolean canSubscribe(RealtimePrincipal principal, String room) {
				return true;
			}

			@Override
			public boolean canPublish(RealtimePrincipal principal, String room) {
				return true;
			}

		};
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true", "realtime.analytics.room=stats")
			.withBean(RoomAuthorizer.class, () -> anything)
			.run((context) -> {
				RoomAuthorizer authorizer = context.getBean(RoomAuthorizer.class);
				RealtimePrincipal alice = RealtimePrincipal.user("alice");
				assertThat(authorizer.canPublish(alice, "stats")).isFalse();
				assertThat(authorizer.canSubscribe(alice, "stats")).isTrue();
				assertThat(authorizer.canPublish(alice, "chat")).isTrue();
			});
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true", "realtime.analytics.room=")
			.withBean(RoomAuthorizer.class, () -> anything)
			.run((context) -> assertThat(context.getBean(RoomAuthorizer.class)).isSameAs(anything));
	}

	@Test
	void theGaugesShowTheLatestSnapshot() {
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true", "realtime.analytics.publish-interval=100ms")
			.run((context) -> {
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(MeterBinder.class).bindTo(registry);
				context.getBean(LiveAnalytics.class).track(AnalyticsEvent.pageView("alice")).block();
				context.getBean(LiveAnalytics.class).track(AnalyticsEvent.of("signup", "bob")).block();
				await().untilAsserted(() -> {
					assertThat(registry.get("realtime.analytics.page.views").gauge().value()).isEqualTo(1);
					assertThat(registry.get("realtime.analytics.unique.visitors").gauge().value()).isEqualTo(2);
					assertThat(registry.get("realtime.analytics.active.users").gauge().value()).isEqualTo(2);
					assertThat(registry.get("realtime.analytics.events").tag("type", "signup").gauge().value())
						.isEqualTo(1);
				});
			});
	}

	@Test
	void theGaugesNeedMicrometer() {
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true")
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(LiveAnalytics.class)
				.doesNotHaveBean(RealtimeAnalyticsMeterBinder.class));
	}

	@Test
	void theTrackingEndpointIsOffUnlessEnabled() {
		this.webContextRunner.run((context) -> assertThat(context).doesNotHaveBean("realtimeAnalyticsRoutes"));
		this.webContextRunner.withPropertyValues("realtime.analytics.tracking.enabled=true")
			.run((context) -> assertThat(context).hasBean("realtimeAnalyticsRoutes"));
		this.contextRunner.withPropertyValues("realtime.analytics.enabled=true", "realtime.analytics.tracking.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeAnalyticsRoutes"));
	}

	@Test
	void theTrackingEndpointBacksOffFromTheApplicationsRoutes() {
		RouterFunction<ServerResponse> own = RouterFunctions.route().POST("/own", (r) -> ServerResponse.ok().build()).build();
		this.webContextRunner.withPropertyValues("realtime.analytics.tracking.enabled=true")
			.withBean("realtimeAnalyticsRoutes", RouterFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean("realtimeAnalyticsRoutes")).isSameAs(own));
	}

	@Test
	void propertyDefaultsMatchTheDocumentedOnes() {
		RealtimeAnalyticsProperties properties = new RealtimeAnalyticsProperties();
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getActiveWindow()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.getPublishInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getRoom()).isEqualTo("analytics:live");
		assertThat(properties.getMaxEventTypes()).isEqualTo(100);
		assertThat(properties.getTracking().isEnabled()).isFalse();
		assertThat(properties.getTracking().getPath()).isEqualTo("/realtime/analytics/events");
		assertThat(properties.getTracking().getMaxBodySize().toBytes()).isEqualTo(4096);
		assertThat(List.of(properties.getTracking().getEventsPerSecondPerAddress(),
				properties.getTracking().getEventBurstPerAddress())).containsExactly(20, 40);
	}

}
