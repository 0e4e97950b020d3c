package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
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
 * Metrics, the actuator endpoint and health, as an operator sees them over HTTP after a
 * scripted session: 3 connect, 10 publications, 1 dropped.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=realtime,prometheus,health",
				"management.endpoint.health.show-details=always" })
class RealtimeObservabilityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aScriptedSessionShowsUpInPrometheusTheEndpointAndHealth() {
		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		List<TestClient> clients = List.of(connect("o1"), connect("o2"), connect("o3"));
		try {
			clients.forEach((client) -> client.subscribe("observed"));
			for (int i = 0; i < 10; i++) {
				this.hub.publish("observed", Event.message(i)).block();
			}
			clients.forEach((client) -> client.messages(10));
			clients.get(0).request("{\"type\":\"teleport\"}");

			JsonNode overview = json(http, "/actuator/realtime");
			assertThat(overview.has("node")).isTrue();
			assertThat(overview.path("broker").asString()).isEqualTo("LocalBroker");
			assertThat(overview.path("nodes").get(0).path("id").asString()).isEqualTo(overview.path("node").asString());
			assertThat(overview.path("nodes").get(0).has("heartbeat")).isTrue();
			assertThat(overview.path("connections").path("total").asInt()).isEqualTo(3);
			assertThat(overview.path("rooms").path("total").asInt()).isEqualTo(4);
			JsonNode first = overview.path("rooms").path("items").get(0);
			assertThat(first.path("name").asString()).isEqualTo("observed");
			assertThat(first.path("members").asInt()).isEqualTo(3);
			assertThat(overview.path("rooms").path("items").get(1).path("name").asString()).isEqualTo("user:o1");

			JsonNode room = json(http, "/actuator/realtime/observed");
			assertThat(room.path("members").asInt()).isEqualTo(3);
			assertThat(room.path("users").asInt()).isEqualTo(3);
			String dropped = null;
			for (JsonNode connection : room.path("connections")) {
				if ("o3".equals(connection.path("user").asString())) {
					dropped = connection.path("id").asString();
				}
			}
			assertThat(dropped).isNotNull();
			http.get().uri("/actuator/realtime/nowhere").exchange().expectStatus().isNotFound();

			http.post().uri("/actuator/realtime").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("connection", dropped)).exchange().expectStatus().isOk();
			assertThat(clients.get(2).closeStatus().code()).isEqualTo(CloseCodes.DISCONNECTED);
			await().until(() -> this.hub.connections().size() == 2);

			String prometheus = http.get().uri("/actuator/prometheus").exchange()
				.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
			assertThat(prometheus).contains("realtime_connections{transport=\"websocket\"} 2.0")
				.contains("realtime_connections{transport=\"sse\"} 0.0")
				.contains("realtime_messages_published_total 10.0")
				.contains("realtime_messages_delivered_total 30.0")
				.contains("realtime_subscriptions 4.0")
				.contains("realtime_rooms 3.0")
				.contains("realtime_errors_total{code=\"unknown_type\"} 1.0")
				.contains("realtime_delivery_latency_seconds_count")
				.contains("realtime_outbound_pending_bytes")
				.contains("realtime_history_size_bytes")
				.contains("realtime_history_cut_total 0.0")
				.contains("realtime_limits_total{event=\"rate.limited\"} 0.0");

			http.get().uri("/realtime/sse?user=reject&room=a").exchange().expectStatus().isUnauthorized();
			String rejected = http.get().uri("/actuator/prometheus").exchange()
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(rejected).contains("realtime_handshakes_rejected_total{reason=\"unauthorized\"} 1.0");

			http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.components.realtime.status").isEqualTo("UP")
				.jsonPath("$.components.realtime.details.broker").isEqualTo("LocalBroker");
		}
		finally {
			clients.forEach(TestClient::close);
		}
	}

	private static JsonNode json(WebTestClient http, String path) {
		String body = http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody();
		return JsonMapper.builder().build().readTree(body);
	}

	private TestClient connect(String user) {
		return TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user));
	}

}
