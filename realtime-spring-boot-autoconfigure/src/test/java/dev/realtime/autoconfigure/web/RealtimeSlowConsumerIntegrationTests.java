package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that fall behind in rooms whose policy holds frames back rather than disconnect: they
 * stay connected, and when they catch up they get the newest publications, in offset order.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.outbound-buffer=64KB", "realtime.limits.outbound-frames=256",
				"realtime.limits.send-timeout=60s", "realtime.limits.slow-consumer-rules[0].pattern=ticker:*",
				"realtime.limits.slow-consumer-rules[0].policy=conflate",
				"realtime.limits.slow-consumer-rules[1].pattern=feed:*",
				"realtime.limits.slow-consumer-rules[1].policy=drop-oldest" })
class RealtimeSlowConsumerIntegrationTests {

	private static final int PUBLICATIONS = 20_000;

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void aSlowTickerClientGetsOnlyTheNewestPriceOnceItCatchesUp() throws Exception {
		long conflated = this.counters.count(LimitEvent.SLOW_CONSUMER_CONFLATED);
		List<JsonNode> received = fallBehindThenCatchUp("ticker:acme");
		assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_CONFLATED)).isGreaterThan(conflated);
		assertThat(received.size()).isLessThan(PUBLICATIONS);
	}

	@Test
	void aSlowFeedClientLosesTheOldestFramesAndKeepsTheNewest() throws Exception {
		long dropped = this.counters.count(LimitEvent.SLOW_CONSUMER_DROPPED);
		List<JsonNode> received = fallBehindThenCatchUp("feed:news");
		long droppedNow = this.counters.count(LimitEvent.SLOW_CONSUMER_DROPPED) - dropped;
		assertThat(droppedNow).isPositive();
		assertThat(received.size()).isLessThan(PUBLICATIONS);
		// The backlog kept the newest frames without a gap: as many as 64 KB holds, some 100.
		List<JsonNode> tail = received.subList(received.size() - 100, received.size());
		for (int i = 0; i < tail.size(); i++) {
			assertThat(tail.get(i).path("offset").asLong()).isEqualTo(PUBLICATIONS - tail.size() + 1 + i);
		}
	}

	/**
	 * Publishes to {@code room}, paced by a client that keeps up, while another reads nothing;
	 * then lets that one read. What it read, in offset order, ending with the last publication.
	 */
	private List<JsonNode> fallBehindThenCatchUp(String room) throws Exception {
		long disconnected = this.counters.count(LimitEvent.SLOW_CONSUMER_DISCONNECTED);
		String payload = "p".repeat(500);
		try (TestClient fast = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=fast"));
				RawWebSocketClient slow = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=slow")) {
			fast.subscribe(room);
			slow.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
			await().until(() -> this.hub.room(room).size() == 2);
			long expected = 1;
			for (int batch = 0; batch < PUBLICATIONS / 1000; batch++) {
				for (int i = 0; i < 1000; i++) {
					this.hub.publish(room, Event.message(payload)).block();
				}
				for (JsonNode message : fast.messages(1000)) {
					assertThat(message.path("offset").asLong()).isEqualTo(expected++);
				}
			}
			assertThat(this.hub.onlineUsers()).as("the slow client is still connected").contains("slow");
			List<JsonNode> frames = slow.readUntil((frame) -> frame.path("offset").asLong() == PUBLICATIONS,
					Duration.ofSeconds(10));
			List<JsonNode> messages = frames.stream()
				.filter((frame) -> "message".equals(frame.path("type").asString(null)))
				.toList();
			long previous = 0;
			for (JsonNode message : messages) {
				assertThat(message.path("offset").asLong()).isGreaterThan(previous);
				previous = message.path("offset").asLong();
			}
			assertThat(previous).as("the newest publication arrived").isEqualTo(PUBLICATIONS);
			assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_DISCONNECTED)).isEqualTo(disconnected);
			return messages;
		}
	}

}
