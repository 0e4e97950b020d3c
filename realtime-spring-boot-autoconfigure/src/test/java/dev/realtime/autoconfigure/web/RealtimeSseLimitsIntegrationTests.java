package dev.realtime.autoconfigure.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.realtime.Event;
import dev.realtime.hub.DefaultRealtimeHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an SSE stream may hold of the server: its rooms, and the bytes and events that wait for a
 * client that stopped reading.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.outbound-buffer=256KB", "realtime.limits.outbound-frames=8",
				"realtime.limits.max-rooms-per-connection=10",
				"realtime.limits.max-connections-per-user=50" })
@ExtendWith(OutputCaptureExtension.class)
class RealtimeSseLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DefaultRealtimeHub hub;

	@Test
	void aStreamNamingMoreRoomsThanAConnectionMayJoinIsRefused() throws Exception {
		String rooms = IntStream.range(0, 11).mapToObj((i) -> "room=r" + i).collect(Collectors.joining("&"));
		assertThat(SseTestClient.status(URI.create("http://localhost:" + this.port + "/realtime/sse?" + rooms), "GET"))
			.isEqualTo(400);
		String ten = IntStream.range(0, 10).mapToObj((i) -> "room=r" + i).collect(Collectors.joining("&"));
		try (SseTestClient stream = SseTestClient
			.connect(URI.create("http://localhost:" + this.port + "/realtime/sse?" + ten), null)) {
			assertThat(stream.next("subscribed").data()).contains("\"room\":\"r0\"");
		}
	}

	@Test
	void stalledReadersAreEndedAtTheirByteBoundWhileABystanderGetsEverything() throws Exception {
		String payload = "x".repeat(60_000);
		List<Socket> stalled = new ArrayList<>();
		try (SseTestClient bystander = SseTestClient
			.connect(URI.create("http://localhost:" + this.port + "/realtime/sse?room=flood&user=bystander"), null)) {
			bystander.next("subscribed");
			for (int i = 0; i < 10; i++) {
				stalled.add(stalledReader("stalled" + i));
			}
			await().until(() -> this.hub.room("flood").size() == 11);
			long peak = 0;
			for (int i = 1; i <= 200; i++) {
				this.hub.publish("flood", Event.message(payload)).block();
				SseTestClient.Event event = bystander.next("message");
				assertThat(event.data()).contains("\"offset\":" + i + ",");
				peak = Math.max(peak, this.hub.pendingBytes());
			}
			// Each stalled stream held at most its 256 KB (and one event) before it was ended.
			assertThat(peak).isLessThan(10 * (256 * 1024 + 70_000) + 2 * 1024 * 1024);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.room("flood").size() == 1);
			assertThat(this.hub.connections()).hasSize(1);
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	@Test
	void aStalledReaderOfSmallEventsIsEndedAtItsEventBoundLongBeforeItsByteBound(CapturedOutput output)
			throws Exception {
		try (Socket stalled = stalledReader("tiny", "ticks")) {
			await().until(() -> this.hub.room("ticks").size() == 1);
			for (int i = 0; i < 20_000 && this.hub.room("ticks").size() == 1; i++) {
				this.hub.publish("ticks", Event.message("t" + i)).block();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.room("ticks").size() == 0);
			// What the socket took, and 8 events more: far below the 256 KB that small events
			// would otherwise have piled up to (262,134 bytes with a bound of 100,000 events).
			Matcher ended = Pattern.compile("user=tiny\\]: (\\d+) bytes wait for it").matcher(output.toString());
			assertThat(ended.find()).isTrue();
			assertThat(Long.parseLong(ended.group(1))).isLessThan(128 * 1024);
		}
	}

	/** Opens a stream of the room and never reads it, with a small receive buffer. */
	private Socket stalledReader(String user) throws Exception {
		return stalledReader(user, "flood");
	}

	private Socket stalledReader(String user, String room) throws Exception {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new java.net.InetSocketAddress("localhost", this.port));
		OutputStream out = socket.getOutputStream();
		out.write(("GET /realtime/sse?room=" + room + "&user=" + user + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

}
