package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import dev.realtime.CloseCodes;
import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSocket pings and pongs: they count toward the rate limit like any frame, and as signs of
 * life for the idle timeout. The raw clients here never answer the server's pings.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.messages-per-second=10", "realtime.limits.message-burst=10",
				"realtime.websocket.ping-interval=250ms", "realtime.websocket.idle-timeout=1s" })
class RealtimeControlFrameIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void aClientThatFloodsPingsIsClosedWith1008AfterItsBurst() throws Exception {
		long closed = this.counters.count(LimitEvent.RATE_LIMIT_CLOSED);
		try (Bystander bystander = Bystander.start(this.hub, this.port, "ping-bystander");
				RawWebSocketClient flooder = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=pinger")) {
			for (int i = 0; i < 500; i++) {
				flooder.sendFrame(0x89, new byte[] { (byte) i });
			}
			int pongs = 0;
			int closeCode = 0;
			while (closeCode == 0) {
				RawWebSocketClient.Frame frame = flooder.readFrame();
				if (frame.opcode() == 0xA) {
					pongs++;
				}
				else if (frame.opcode() == 0x8) {
					closeCode = frame.closeCode();
				}
			}
			assertThat(closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
			// The burst, and what the rate gave back while the flood went on.
			assertThat(pongs).isBetween(10, 40);
			bystander.assertServed();
		}
		assertThat(this.counters.count(LimitEvent.RATE_LIMIT_CLOSED)).isEqualTo(closed + 1);
	}

	@Test
	void pingsAndPongsFromAClientKeepItPastTheIdleTimeout() throws Exception {
		try (Bystander bystander = Bystander.start(this.hub, this.port, "idle-bystander");
				RawWebSocketClient pinger = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=pinging");
				RawWebSocketClient ponger = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=ponging");
				RawWebSocketClient silent = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=quiet")) {
			int pongs = 0;
			long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < end) {
				pinger.sendFrame(0x89, new byte[0]);
				// An unsolicited pong, which RFC 6455 allows as a heartbeat.
				ponger.sendFrame(0x8A, new byte[0]);
				pongs += pongsWithin(pinger, Duration.ofMillis(300));
			}
			await().until(() -> !this.hub.onlineUsers().contains("quiet"));
			assertThat(this.hub.onlineUsers()).contains("pinging", "ponging");
			assertThat(pongs).isGreaterThanOrEqualTo(5);
			assertThat(silent.readCloseCode()).isEqualTo(CloseCodes.IDLE_TIMEOUT);
			bystander.assertServed();
		}
	}

	/** Pongs that arrive within {@code time}, the server's pings skipped. */
	private static int pongsWithin(RawWebSocketClient client, Duration time) throws IOException {
		int pongs = 0;
		long end = System.nanoTime() + time.toNanos();
		client.setReadTimeout(time);
		try {
			while (System.nanoTime() < end) {
				if (client.readFrame().opcode() == 0xA) {
					pongs++;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// Nothing more came.
		}
		return pongs;
	}

}
