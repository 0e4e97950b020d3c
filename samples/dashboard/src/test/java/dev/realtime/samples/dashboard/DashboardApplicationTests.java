package dev.realtime.samples.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as its page uses it, through the JDK's own HTTP and WebSocket clients: snapshots
 * of the simulated traffic arrive in the room, and the page's own view is counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardApplicationTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesTheDashboardPage() throws Exception {
		HttpResponse<String> page = get("/index.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<canvas id=\"chart\"").contains("import { connect } from '/realtime/client.js'");
	}

	@Test
	void theRoomReceivesASnapshotASecondOfTheGrowingTraffic() throws Exception {
		BlockingQueue<String> frames = new LinkedBlockingQueue<>();
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/realtime/ws"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					frames.add(data.toString());
					webSocket.request(1);
					return null;
				}

			})
			.join();
		socket.sendText("{\"type\":\"subscribe\",\"room\":\"analytics:live\",\"ref\":\"1\"}", true).join();
		JsonNode first = nextSnapshot(frames);
		assertThat(track("{\"type\":\"page_view\",\"session\":\"test-session\"}").statusCode()).isEqualTo(202);
		JsonNode later = nextSnapshot(frames);
		while (later.path("ts").asLong() - first.path("ts").asLong() < 1500) {
			later = nextSnapshot(frames);
		}
		assertThat(later.path("pageViews").asLong()).isGreaterThan(first.path("pageViews").asLong());
		assertThat(later.path("uniqueVisitors").asLong()).isGreaterThan(0);
		assertThat(later.path("activeUsers").asLong()).isGreaterThan(0);
		assertThat(later.path("events").path("page_view").asLong()).isEqualTo(later.path("pageViews").asLong());
		// No client may publish there: only the server's snapshots reach a dashboard.
		socket.sendText("{\"type\":\"publish\",\"room\":\"analytics:live\",\"data\":{},\"ref\":\"2\"}", true).join();
		assertThat(awaitFrame(frames, "\"ref\":\"2\"")).contains("\"code\":\"forbidden\"");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	private static JsonNode nextSnapshot(BlockingQueue<String> frames) throws InterruptedException {
		return mapper.readTree(awaitFrame(frames, "\"type\":\"message\"")).path("data");
	}

	private static String awaitFrame(BlockingQueue<String> frames, String containing) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		for (;;) {
			String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame == null) {
				throw new AssertionError("no frame with " + containing + " within 15s");
			}
			if (frame.contains(containing)) {
				return frame;
			}
		}
	}

	private HttpResponse<String> track(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/realtime/analytics/events"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
