package dev.realtime.samples.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat's actuator: a Prometheus scrape shows the realtime series, a connection included,
 * and the health and realtime endpoints answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatActuatorTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aScrapeShowsTheRealtimeSeriesWithAnOpenConnection() throws Exception {
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/realtime/ws?name=scraped"), new WebSocket.Listener() {
			})
			.join();
		// At least this one: the other tests of the shared context may still be closing theirs.
		await().until(() -> webSocketConnections() >= 1);
		assertThat(get("/actuator/prometheus")).contains("realtime_messages_delivered_total", "realtime_rooms",
				"realtime_limits_total{event=\"rate.limited\"}");
		assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/realtime")).contains("\"connections\"");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	private double webSocketConnections() throws Exception {
		String series = "realtime_connections{transport=\"websocket\"} ";
		return get("/actuator/prometheus").lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length())))
			.findFirst()
			.orElseThrow();
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
