package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.List;
import java.util.stream.LongStream;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.sse.RealtimeSseEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A controller's own {@code @GetMapping} streams rooms in one line through the endpoint bean:
 * with resume from {@code Last-Event-ID}, and the endpoint's guard, authorizer and room names.
 */
@SpringBootTest(classes = { TestApplication.class, RealtimeSseControllerIntegrationTests.Streams.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeSseControllerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	URI uri(String pathAndQuery) {
		return URI.create("http://localhost:" + this.port + pathAndQuery);
	}

	@Test
	void aControllersStreamResumesFromLastEventIdWithExactlyWhatItMissed() throws Exception {
		String lastId;
		try (SseTestClient stream = SseTestClient.connect(uri("/prices?user=reader"), null)) {
			assertThat(stream.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.next("subscribed").json().path("room").asString()).isEqualTo("prices");
			publish("prices", 1, 20);
			List<SseTestClient.Event> first = stream.messages(20);
			assertThat(offsets(first)).isEqualTo(range(1, 20));
			lastId = first.get(19).id();
		}
		publish("prices", 21, 50);
		try (SseTestClient stream = SseTestClient.connect(uri("/prices?user=reader"), lastId)) {
			assertThat(stream.next("subscribed").json().path("recovered").asBoolean()).isTrue();
			List<SseTestClient.Event> missed = stream.messages(30);
			assertThat(offsets(missed)).isEqualTo(range(21, 50));
			assertThat(missed.get(0).json().path("data").asInt()).isEqualTo(21);
			publish("prices", 51, 51);
			assertThat(stream.next("message").json().path("offset").asLong()).isEqualTo(51);
		}
	}

	@Test
	void aControllersStreamIsAConnectionOfTheHubLikeTheEndpoints() throws Exception {
		try (SseTestClient stream = SseTestClient.connect(uri("/prices?user=watcher"), null)) {
			stream.next("subscribed");
			await().until(() -> this.hub.connections()
				.stream()
				.anyMatch((c) -> "watcher".equals(c.userId()) && "sse".equals(c.transport())));
			this.hub.disconnectUser("watcher", CloseCodes.DISCONNECTED, "bye").block();
			SseTestClient.Event close = stream.next("close");
			assertThat(close.json().path("code").asInt()).isEqualTo(CloseCodes.DISCONNECTED);
		}
	}

	@Test
	void aControllersStreamIsGuardedLikeTheEndpoint() throws Exception {
		assertThat(SseTestClient.status(uri("/prices?user=reject"), "GET")).isEqualTo(401);
		assertThat(SseTestClient.status(uri("/inbox/u2?user=u1"), "GET")).isEqualTo(403);
		assertThat(SseTestClient.status(uri("/inbox/$broadcast?user=u1"), "GET")).isEqualTo(400);
		try (SseTestClient stream = SseTestClient.connect(uri("/inbox/u1?user=u1"), null)) {
			stream.next("subscribed");
			this.hub.sendToUser("u1", Event.notification("for u1")).block();
			assertThat(stream.next("notification").json().path("data").asString()).isEqualTo("for u1");
		}
	}

	private void publish(String room, int from, int to) {
		for (int i = from; i <= to; i++) {
			this.hub.publish(room, Event.message(i)).block();
		}
	}

	private static List<Long> offsets(List<SseTestClient.Event> events) {
		return events.stream().map((e) -> e.json().path("offset").asLong()).toList();
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	/** What an application writes: one line per stream. */
	@RestController
	static class Streams {

		private final RealtimeSseEndpoint sse;

		Streams(RealtimeSseEndpoint sse) {
			this.sse = sse;
		}

		@GetMapping("/prices")
		Mono<Void> prices(ServerWebExchange exchange) {
			return this.sse.stream(exchange, "prices");
		}

		@GetMapping("/inbox/{user}")
		Mono<Void> inbox(@PathVariable String user, ServerWebExchange exchange) {
			return this.sse.stream(exchange, "user:" + user);
		}

	}

}
