package dev.realtime.autoconfigure.web;

import java.net.URI;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "realtime.websocket.compression=true")
class RealtimeCompressionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void clientsThatAskForDeflateGetCompressedFramesAndOthersPlainOnes() throws Exception {
		String text = "compress me ".repeat(50);
		try (TestClient deflating = TestClient.connect(uri("deflating"), true);
				TestClient plain = TestClient.connect(uri("plain"), false);
				RawWebSocketClient raw = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=raw",
						"Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
			assertThat(raw.head()).containsIgnoringCase("sec-websocket-extensions: permessage-deflate");
			deflating.subscribe("squeezed");
			plain.subscribe("squeezed");
			raw.send("{\"type\":\"subscribe\",\"room\":\"squeezed\"}");
			await().until(() -> this.hub.room("squeezed").size() == 3);
			// The reply to the subscription comes first, then the publication: both compressed.
			this.hub.publish("squeezed", Event.message(text)).block();
			assertThat(deflating.nextMessage().path("data").asString()).isEqualTo(text);
			assertThat(plain.nextMessage().path("data").asString()).isEqualTo(text);
			// FIN, RSV1 (compressed) and the text opcode: the reply, then the publication.
			assertThat(raw.readFrameFirstByte()).isEqualTo(0xC1);
			assertThat(raw.readFrameFirstByte()).isEqualTo(0xC1);
		}
	}

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

}
