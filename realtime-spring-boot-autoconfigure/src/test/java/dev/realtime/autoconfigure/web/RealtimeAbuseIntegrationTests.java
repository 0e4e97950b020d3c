package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.security.ConnectionLimits;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.messages-per-second=20", "realtime.limits.message-burst=20",
				"realtime.limits.max-connections=30", "realtime.limits.max-connections-per-user=5" })
class RealtimeAbuseIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	Broker broker;

	@Autowired
	ConnectionLimits connectionLimits;

	@Autowired
	LimitCounters counters;

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	@Test
	void aFloodingClientIsRateLimitedThenClosedWhileTheOthersLoseNothing() throws Exception {
		long closedBefore = this.counters.count(LimitEvent.RATE_LIMIT_CLOSED);
		List<TestClient> good = List.of(TestClient.connect(uri("good0")), TestClient.connect(uri("good1")),
				TestClient.connect(uri("good2")));
		try (TestClient flooder = TestClient.connect(uri("flooder"))) {
			for (TestClient client : good) {
				client.subscribe("arena");
			}
			flooder.subscribe("arena");
			Thread server = new Thread(() -> {
				for (int i = 0; i < 100; i++) {
					this.hub.publish("arena", Event.message("server " + i)).block();
					sleep(10);
				}
			});
			server.start();
			for (int i = 0; i < 2000; i++) {
				flooder.send("{\"type\":\"publish\",\"room\":\"arena\",\"data\":\"flood " + i + "\"}");
			}
			for (int round = 0; round < 5; round++) {
				for (TestClient client : good) {
					assertThat(client.request("{\"type\":\"publish\",\"room\":\"arena\",\"data\":\"polite\"}")
						.path("ok")
						.asBoolean()).isTrue();
				}
				sleep(100);
			}
			server.join();
			JsonNode limited = flooder.await((frame) -> "error".equals(frame.path("type").asString(null)));
			assertThat(limited.path("code").asString()).isEqualTo("rate_limited");
			assertThat(flooder.closeStatus().code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
			await().until(() -> !this.hub.onlineUsers().contains("flooder"));

			long published = this.broker.position("arena").block().offset();
			// 100 from the server, 15 polite ones, and the flooder's burst (less its subscribe)
			// with what the bucket refilled while it flooded.
			assertThat(published).isBetween(115L + 19, 115L + 40);
			for (TestClient client : good) {
				List<JsonNode> messages = client.messages((int) published);
				for (int i = 0; i < messages.size(); i++) {
					assertThat(messages.get(i).path("offset").asLong()).isEqualTo(i + 1);
				}
				assertThat(client.pollMessage(50_000_000L)).isNull();
			}
		}
		finally {
			good.forEach(TestClient::close);
		}
		assertThat(this.counters.count(LimitEvent.RATE_LIMIT_CLOSED)).isEqualTo(closedBefore + 1);
		assertThat(this.counters.count(LimitEvent.RATE_LIMITED)).isPositive();
	}

	@Test
	void theConnectionLimitsHoldUnderABurstOfTwiceAsManyHandshakes() throws Exception {
		await().until(() -> this.connectionLimits.connections() == 0);
		List<RawWebSocketClient> accepted = burst(60, (i) -> "burst" + i);
		try {
			assertThat(accepted).hasSize(30);
			await().until(() -> this.hub.connections().size() == 30);
			assertThat(this.connectionLimits.connections()).isEqualTo(30);
		}
		finally {
			closeAll(accepted);
		}
		await().until(() -> this.connectionLimits.connections() == 0 && this.hub.connections().isEmpty());

		List<RawWebSocketClient> sameUser = burst(10, (i) -> "same");
		try {
			assertThat(sameUser).hasSize(5);
			await().until(() -> this.hub.connections().size() == 5);
		}
		finally {
			closeAll(sameUser);
		}
		await().until(() -> this.connectionLimits.connections() == 0);
		try (TestClient again = TestClient.connect(uri("same"))) {
			assertThat(again.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		}
	}

	/** Opens {@code count} handshakes at once; the accepted ones, after checking the others' status. */
	private List<RawWebSocketClient> burst(int count, IntFunction<String> user) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(count);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<RawWebSocketClient>> handshakes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String path = "/realtime/ws?user=" + user.apply(i);
			handshakes.add(executor.submit(() -> {
				start.await();
				return RawWebSocketClient.open(this.port, path);
			}));
		}
		start.countDown();
		List<RawWebSocketClient> accepted = new ArrayList<>();
		for (Future<RawWebSocketClient> future : handshakes) {
			RawWebSocketClient handshake = future.get();
			if (handshake.status() == 101) {
				accepted.add(handshake);
			}
			else {
				assertThat(handshake.status()).isIn(503, 429);
				assertThat(handshake.head()).containsIgnoringCase("Retry-After: 5");
				handshake.close();
			}
		}
		executor.shutdown();
		return accepted;
	}

	private static void closeAll(List<RawWebSocketClient> handshakes) throws Exception {
		for (RawWebSocketClient handshake : handshakes) {
			handshake.close();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
