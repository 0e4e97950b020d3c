package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.realtime.ClientMessage;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.PublicationFormat;
import dev.realtime.RealtimeEndpoint;
import dev.realtime.RealtimeHandler;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application endpoint that speaks its own text protocol receives room publications,
 * broadcasts and direct sends in that protocol, while the built-in endpoint keeps the JSON one.
 */
@SpringBootTest(classes = { TestApplication.class, RealtimeEndpointFormatIntegrationTests.LineProtocol.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeEndpointFormatIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void publicationsReachAnAppEndpointInItsOwnFormat() throws Exception {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/lines?user=liner"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					lines.add(data.toString());
					webSocket.request(1);
					return null;
				}

			})
			.get(10, TimeUnit.SECONDS);
		try (TestClient json = TestClient
			.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=jsoner"))) {
			json.subscribe("news");
			await().until(() -> this.hub.room("news").size() == 2);
			this.hub.publish("news", Event.message("hello")).block();
			assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("PUB news 1 message \"hello\"");
			assertThat(json.nextMessage().path("data").asString()).isEqualTo("hello");
			this.hub.broadcast(Event.of("tick", 7)).block();
			assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("PUB - 0 tick 7");
			socket.sendText("whoami", true);
			assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("PUB - 0 you \"liner\"");
		}
		finally {
			socket.abort();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LineProtocol {

		@Bean
		RealtimeEndpoint lineEndpoint(@Lazy RealtimeHub hub) {
			return new RealtimeEndpoint("/lines", new RealtimeHandler() {

				@Override
				public Mono<Void> onConnect(Connection connection) {
					return hub.join(connection.id(), "news");
				}

				@Override
				public Mono<Void> onMessage(Connection connection, ClientMessage message) {
					connection.send(Event.of("you", connection.userId()));
					return Mono.empty();
				}

				@Override
				public PublicationFormat publicationFormat() {
					return (publication) -> "PUB " + ((publication.room() != null) ? publication.room() : "-") + " "
							+ publication.offset() + " " + publication.event().event() + " "
							+ publication.event().data();
				}

			});
		}

	}

}
