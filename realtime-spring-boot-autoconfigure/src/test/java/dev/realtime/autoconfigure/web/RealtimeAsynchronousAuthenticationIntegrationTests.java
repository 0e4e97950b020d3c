package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authenticator that answers late, on a thread of its own ({@code ?lookup=}), as one that
 * looks users up reactively does: the upgrade then starts off the connection's event loop, and
 * the frame a client sends the moment it reads the 101 must still reach the protocol. It once
 * did not: about one connection in 2,000 had its first frame dropped, because the frame decoder
 * was replaced from another thread while the event loop was already reading.
 */
class RealtimeAsynchronousAuthenticationIntegrationTests {

	private static final int CLIENTS = 2_000;

	@Test
	void everyClientsFirstFrameIsAnsweredWhenTheAuthenticatorAnswersOnAnotherThread() {
		try (RedisServer redis = RedisServer.start(); RedisNodes node = RedisNodes.start(1, redis)) {
			everyFirstFrameIsAnswered(node.port(0));
		}
	}

	private void everyFirstFrameIsAnswered(int port) {
		List<TestClient> clients = Flux.range(0, CLIENTS)
			.flatMap((i) -> TestClient.connecting(URI.create("ws://localhost:" + port
					+ "/realtime/ws?user=u" + i + "&lookup=1"))
				// Sent as soon as the client reads the 101.
				.doOnNext((client) -> client.send("{\"type\":\"subscribe\",\"room\":\"r" + (i % 20) + "\",\"ref\":\"s\"}")),
					64)
			.collectList()
			.block(Duration.ofMinutes(2));
		assertThat(clients).hasSize(CLIENTS);
		List<Integer> unanswered = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				try {
					clients.get(i).await((frame) -> "s".equals(frame.path("ref").asString(null)), Duration.ofSeconds(5));
				}
				catch (AssertionError ex) {
					unanswered.add(i);
				}
			}
			assertThat(unanswered).as("clients whose first frame went unanswered").isEmpty();
		}
		finally {
			clients.forEach(TestClient::close);
		}
	}

}
