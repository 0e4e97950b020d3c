package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.Map;

import dev.realtime.CloseCodes;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's disconnect ends an SSE stream with one {@code close} event of valid JSON, whatever
 * the reason holds: quotes, backslashes and line breaks cannot forge another event.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=realtime")
class RealtimeSseCloseIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void theCloseEventCarriesAnyReasonAsOneValidJsonEvent() throws Exception {
		String reason = "banned: \"spam\" \\ again\r\nevent: message\nid: forged\n\ndata: {}";
		try (SseTestClient stream = SseTestClient
			.connect(URI.create("http://localhost:" + this.port + "/realtime/sse?room=closing&user=sue"), null)) {
			stream.next("subscribed");
			await().until(() -> this.hub.onlineUsers().contains("sue"));
			String id = Hubs.connectionOf(this.hub, "sue").id();
			WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + this.port)
				.build()
				.post()
				.uri("/actuator/realtime")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("connection", id, "reason", reason))
				.exchange()
				.expectStatus()
				.isOk();
			SseTestClient.Event close = stream.next();
			assertThat(close.name()).isEqualTo("close");
			assertThat(close.id()).isNotEqualTo("forged");
			JsonNode data = JsonMapper.shared().readTree(close.data());
			assertThat(data.path("code").asInt()).isEqualTo(CloseCodes.DISCONNECTED);
			assertThat(data.path("reason").asString()).isEqualTo(reason);
			assertThat(stream.poll(500)).as("nothing after the close event").isNull();
		}
	}

}
