package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.protocol.ProtocolHooks;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.sse.RealtimeSseEndpoint;
import dev.realtime.sse.SseLimits;
import dev.realtime.sse.SseStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RealtimeSseAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeSseAutoConfiguration.class));

	@Test
	void mapsTheEndpointAtTheConfiguredPathWithItsHeartbeatAndStreams() {
		this.contextRunner.withPropertyValues("realtime.sse.path=/events").run((context) -> {
			assertThat(context).hasSingleBean(SseStreams.class)
				.hasSingleBean(RealtimeSseEndpoint.class)
				.hasBean("realtimeSseHeartbeat");
			assertThat(context.getBean("realtimeSseHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap())
				.containsOnlyKeys("/events");
			assertThat(context.getBean("realtimeSseHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap()
				.get("/events")).isSameAs(context.getBean(RealtimeSseEndpoint.class));
		});
	}

	@Test
	void mapsTheEndpointTheApplicationDeclaresInsteadOfItsOwn() {
		this.contextRunner.withUserConfiguration(OwnEndpoint.class).run((context) -> {
			assertThat(context).getBean(RealtimeSseEndpoint.class).isSameAs(context.getBean("ownSseEndpoint"));
			assertThat(context.getBean("realtimeSseHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap()
				.get("/realtime/sse")).isSameAs(context.getBean("ownSseEndpoint"));
		});
	}

	@Test
	void backsOffFromTheStreamsTheApplicationDeclares() {
		this.contextRunner.withBean("customStreams", SseStreams.class,
				() -> new SseStreams(mock(RealtimeHub.class), Duration.ZERO))
			.run((context) -> assertThat(context).getBean(SseStreams.class).isSameAs(context.getBean("customStreams")));
	}

	@Test
	void needsReactorNettyAndAReactiveWebApplication() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SseStreams.class));
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeSseAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SseStreams.class));
	}

	@Test
	void keepsOnlyTheStreamsWithAHubOfTheApplicationsOwn() {
		// SseStreams works with any hub; the endpoint and its heartbeat need DefaultRealtimeHub.
		this.contextRunner.withBean(RealtimeHub.class, () -> mock(RealtimeHub.class))
			.run((context) -> assertThat(context).hasSingleBean(SseStreams.class)
				.doesNotHaveBean(RealtimeSseEndpoint.class)
				.doesNotHaveBean("realtimeSseHandlerMapping")
				.doesNotHaveBean("realtimeSseHeartbeat"));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SseStreams.class)
				.doesNotHaveBean("realtimeSseHandlerMapping"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEndpoint {

		@Bean
		RealtimeSseEndpoint ownSseEndpoint(DefaultRealtimeHub hub, ProtocolCodec codec, HandshakeGuard guard,
				RoomAuthorizer authorizer, RoomNamePolicy roomNames) {
			return new RealtimeSseEndpoint(hub, codec, guard, authorizer, roomNames, Duration.ofSeconds(1),
					new SseLimits(1024, 16, 1), ProtocolHooks.NONE);
		}

	}

}
