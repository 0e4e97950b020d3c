package dev.realtime.autoconfigure.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Close frames of the server's own: a control frame holds 125 bytes, so a longer reason would
 * make the frame invalid and the client fail the connection without its code.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeCloseReasonIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aCloseReasonLongerThan123BytesIsCutAtACharacterBoundary() throws Exception {
		// 2 bytes a character: 123 bytes would split one.
		String reason = "\u00e9".repeat(100);
		try (Bystander bystander = Bystander.start(this.hub, this.port, "reason-bystander");
				RawWebSocketClient client = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=verbose")) {
			await().until(() -> this.hub.onlineUsers().contains("verbose"));
			Connection connection = Hubs.connectionOf(this.hub, "verbose");
			this.hub.disconnect(connection.id(), CloseCodes.DISCONNECTED, reason).block();
			RawWebSocketClient.Frame close = client.readFrame();
			assertThat(close.opcode()).isEqualTo(0x8);
			assertThat(close.closeCode()).isEqualTo(CloseCodes.DISCONNECTED);
			assertThat(close.closeReason()).hasSize(122);
			assertThat(utf8(close.closeReason())).isEqualTo("\u00e9".repeat(61));
			bystander.assertServed();
		}
	}

	private static String utf8(byte[] bytes) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
	}

}
