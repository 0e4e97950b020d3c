package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.sse.RealtimeSseEndpoint;
import dev.realtime.sse.SseStreams;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
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
			assertThat(context).hasSingleBean(SseStreams.class).hasBean("realtimeSseHeartbeat");
			assertThat(context.getBean("realtimeSseHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap())
				.containsOnlyKeys("/events")
				.hasValueSatisfying(new Condition<>(RealtimeSseEndpoint.class::isInstance,
						"the endpoint"));
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
				.doesNotHaveBean("realtimeSseHandlerMapping")
				.doesNotHaveBean("realtimeSseHeartbeat"));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SseStreams.class)
				.doesNotHaveBean("realtimeSseHandlerMapping"));
	}

}
