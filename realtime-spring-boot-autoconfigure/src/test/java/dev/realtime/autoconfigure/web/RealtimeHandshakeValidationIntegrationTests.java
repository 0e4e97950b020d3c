package dev.realtime.autoconfigure.web;

import java.util.Base64;
import java.net.Socket;
import java.util.List;

import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes that Netty's handshaker would fail on, or take: each answered with its 4xx and
 * logged in one DEBUG line, however many come.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.dev.realtime.websocket.UpgradeRequestValidator=debug")
class RealtimeHandshakeValidationIntegrationTests {

	private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

	private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n";

	private static final List<String> BAD_VERSIONS = List.of("", "Sec-WebSocket-Version: 8\r\n",
			"Sec-WebSocket-Version: 7\r\n", "Sec-WebSocket-Version: 99\r\n", "Sec-WebSocket-Version: 13, 8\r\n");

	private static final List<String> BAD_KEYS = List.of("", "Sec-WebSocket-Key: abc\r\n",
			"Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[15]) + "\r\n",
			"Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[17]) + "\r\n",
			"Sec-WebSocket-Key: !!not*base64!!!!!!!!!==\r\n");

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void aMissingOrUnsupportedVersionGets426NamingVersion13AndOneDebugLine(CapturedOutput output) throws Exception {
		long invalid = this.counters.count(LimitEvent.HANDSHAKE_INVALID);
		for (String version : BAD_VERSIONS) {
			try (RawWebSocketClient client = RawWebSocketClient.request(this.port, "/realtime/ws?user=old",
					UPGRADE + KEY + version)) {
				assertThat(client.status()).as(version).isEqualTo(426);
				assertThat(client.head()).containsIgnoringCase("sec-websocket-version: 13\r\n");
				assertThat(client.head()).containsIgnoringCase("upgrade: websocket\r\n");
			}
		}
		assertThat(this.counters.count(LimitEvent.HANDSHAKE_INVALID)).isEqualTo(invalid + BAD_VERSIONS.size());
		assertOneDebugLineEach(output, BAD_VERSIONS.size());
	}

	@Test
	void aMissingOrMalformedKeyGets400AndOneDebugLine(CapturedOutput output) throws Exception {
		for (String key : BAD_KEYS) {
			try (RawWebSocketClient client = RawWebSocketClient.request(this.port, "/realtime/ws?user=keyless",
					UPGRADE + key + "Sec-WebSocket-Version: 13\r\n")) {
				assertThat(client.status()).as(key).isEqualTo(400);
			}
		}
		assertOneDebugLineEach(output, BAD_KEYS.size());
	}

	@Test
	void aHandshakeWithoutItsUpgradeHeadersGets400AndOneThatIsNotAGetGets405(CapturedOutput output) throws Exception {
		String version = "Sec-WebSocket-Version: 13\r\n";
		for (String headers : List.of("Upgrade: websocket\r\n", "Upgrade: h2c\r\nConnection: Upgrade\r\n",
				"Connection: Upgrade\r\n")) {
			try (RawWebSocketClient client = RawWebSocketClient.request(this.port, "/realtime/ws?user=headless",
					headers + KEY + version)) {
				assertThat(client.status()).as(headers).isEqualTo(400);
			}
		}
		try (Socket socket = RawHttp.connect(this.port)) {
			RawHttp.send(socket, "POST /realtime/ws?user=poster HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
					+ UPGRADE + KEY + version + "\r\n");
			String head = RawHttp.readHead(socket.getInputStream());
			assertThat(RawHttp.status(head)).isEqualTo(405);
			assertThat(head).containsIgnoringCase("Allow: GET\r\n");
		}
		assertOneDebugLineEach(output, 4);
	}

	@Test
	void aThousandBadHandshakesLogAThousandLinesWhileABystanderIsServed(CapturedOutput output) throws Exception {
		int before = output.length();
		try (Bystander bystander = Bystander.start(this.hub, this.port, "handshake-bystander")) {
			for (int i = 0; i < 1000; i++) {
				try (RawWebSocketClient client = RawWebSocketClient.request(this.port, "/realtime/ws?user=storm",
						UPGRADE + KEY + BAD_VERSIONS.get(i % BAD_VERSIONS.size()))) {
					assertThat(client.status()).isEqualTo(426);
				}
			}
			bystander.assertServed();
		}
		// About 150 bytes in for each, and no more out than one log line.
		assertThat(output.length() - before).isLessThan(1000 * 300);
		assertThat(output.toString()).doesNotContain("ERROR").doesNotContain("\tat ");
	}

	private static void assertOneDebugLineEach(CapturedOutput output, int handshakes) throws InterruptedException {
		// Whatever the server might still log after its answer.
		Thread.sleep(200);
		assertThat(output.toString()).doesNotContain("ERROR").doesNotContain("WARN").doesNotContain("\tat ");
		List<String> lines = output.toString().lines().filter((line) -> line.contains("WebSocket handshake")).toList();
		assertThat(lines).hasSize(handshakes).allSatisfy((line) -> assertThat(line).contains("DEBUG"));
	}

}
