package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.hub.DefaultRealtimeHub;
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
		properties = { "realtime.limits.outbound-buffer=64KB", "realtime.limits.max-frame-size=1KB",
				// Long enough that the stalled subscriber below fills its buffer before it is idle,
				// even on a loaded machine.
				"realtime.websocket.ping-interval=200ms", "realtime.websocket.idle-timeout=3s",
				"realtime.limits.send-timeout=1s", "realtime.limits.slow-consumer-rules[0].pattern=stuck:*",
				"realtime.limits.slow-consumer-rules[0].policy=drop-oldest" })
class RealtimeWebSocketLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DefaultRealtimeHub hub;

	@Autowired
	LimitCounters counters;

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	@Test
	void aSubscriberThatNeverReadsIsDisconnectedWithoutSlowingTheOthersAndMemoryStaysBounded() throws Exception {
		int count = 30_000;
		String payload = "x".repeat(1000);
		try (TestClient fast = TestClient.connect(uri("fast"));
				RawWebSocketClient stuck = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=stuck")) {
			fast.subscribe("firehose");
			stuck.send("{\"type\":\"subscribe\",\"room\":\"firehose\"}");
			await().until(() -> this.hub.room("firehose").size() == 2);
			String stuckConnection = Hubs.connectionOf(this.hub, "stuck").id();
			long heapBefore = usedHeapAfterGc();
			AtomicLong peakPending = new AtomicLong();
			long expected = 1;
			// Paced so that a client that reads keeps up: only the stuck one falls behind.
			for (int batch = 0; batch < count / 1000; batch++) {
				for (int i = 0; i < 1000; i++) {
					this.hub.publish("firehose", Event.message(payload)).block();
					peakPending.accumulateAndGet(this.hub.pendingBytes(stuckConnection), Math::max);
				}
				for (JsonNode message : fast.messages(1000)) {
					assertThat(message.path("offset").asLong()).isEqualTo(expected++);
				}
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.hub.connections().stream().noneMatch((c) -> "stuck".equals(c.userId())));
			// 30 MB went out; what waited for the stuck client never passed its 64 KB bound by
			// more than the frames of one delivery round, and the heap did not grow with it.
			assertThat(peakPending.get()).isPositive().isLessThan(64 * 1024 + 256 * 1100);
			assertThat(usedHeapAfterGc() - heapBefore).isLessThan(16L * 1024 * 1024);
		}
	}

	@Test
	void aClientThatTakesNothingForTheSendTimeoutIsDisconnectedEvenWhenItsFramesMayBeDropped() throws Exception {
		long timedOut = this.counters.count(LimitEvent.SLOW_CONSUMER_TIMED_OUT);
		long disconnected = this.counters.count(LimitEvent.SLOW_CONSUMER_DISCONNECTED);
		long dropped = this.counters.count(LimitEvent.SLOW_CONSUMER_DROPPED);
		String payload = "x".repeat(1000);
		try (RawWebSocketClient stuck = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=stuck-feed")) {
			stuck.send("{\"type\":\"subscribe\",\"room\":\"stuck:feed\"}");
			await().until(() -> this.hub.room("stuck:feed").size() == 1);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (this.hub.onlineUsers().contains("stuck-feed") && System.nanoTime() < deadline) {
				for (int i = 0; i < 500; i++) {
					this.hub.publish("stuck:feed", Event.message(payload)).block();
				}
				// Frames from the client keep it clear of the idle timeout: it is only slow.
				stuck.send("{\"type\":\"ping\"}");
				Thread.sleep(50);
			}
			assertThat(this.hub.onlineUsers()).doesNotContain("stuck-feed");
		}
		assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_DROPPED)).isGreaterThan(dropped);
		assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_TIMED_OUT)).isEqualTo(timedOut + 1);
		// Its pongs waited with its frames: they did not cost it the connection before its time.
		assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_DISCONNECTED)).isEqualTo(disconnected);
	}

	@Test
	void aClientThatAnswersPingsStaysConnectedPastTheIdleTimeoutAndOneThatDoesNotIsClosed() throws Exception {
		try (TestClient alive = TestClient.connect(uri("alive"));
				RawWebSocketClient silent = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=silent")) {
			await().atMost(Duration.ofSeconds(8))
				.until(() -> this.hub.connections().stream().noneMatch((c) -> "silent".equals(c.userId())));
			Thread.sleep(3500);
			assertThat(alive.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
			assertThat(this.hub.onlineUsers()).contains("alive");
		}
	}

	@Test
	void aFrameLargerThanTheLimitClosesTheConnectionWith1009() {
		try (TestClient client = TestClient.connect(uri("big"))) {
			client.send("{\"type\":\"ping\",\"ref\":\"" + "x".repeat(2000) + "\"}");
			assertThat(client.closeStatus().code()).isEqualTo(CloseCodes.TOO_BIG);
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
