package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.analytics.AnalyticsEvent;
import dev.realtime.analytics.LiveAnalytics;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live analytics on one node, through a real server: events over HTTP and from application
 * code, the snapshots a dashboard receives in the analytics room, the active-users window
 * sliding, and every way the tracking endpoint refuses a request. Each test sends from a
 * loopback address of its own, since the rate is per address.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.analytics.enabled=true", "realtime.analytics.tracking.enabled=true",
				"realtime.analytics.publish-interval=200ms", "realtime.analytics.active-window=2s",
				"realtime.analytics.room=analytics:test", "realtime.analytics.tracking.max-body-size=1KB",
				"realtime.analytics.tracking.events-per-second-per-address=1",
				"realtime.analytics.tracking.event-burst-per-address=20" })
class RealtimeAnalyticsIntegrationTests {

	private static final String PATH = "/realtime/analytics/events";

	@LocalServerPort
	int port;

	@Autowired
	LiveAnalytics analytics;

	@Autowired
	LimitCounters counters;

	@Test
	void theDashboardRoomReceivesSnapshotsOfWhatIsTrackedOverHttpAndFromCode() throws IOException {
		try (TestClient dashboard = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=d"))) {
			dashboard.subscribe("analytics:test");
			InetAddress from = InetAddress.getByName("127.0.1.1");
			assertThat(post(from, "{\"type\":\"page_view\",\"user\":\"ann\",\"properties\":{\"path\":\"/\"}}").status)
				.isEqualTo(202);
			assertThat(post(from, "{\"type\":\"page_view\",\"session\":\"s-1\"}").status).isEqualTo(202);
			this.analytics.track(AnalyticsEvent.of("signup.test", "ann")).block();
			JsonNode snapshot = awaitSnapshot(dashboard,
					(data) -> data.path("events").path("signup.test").asLong() == 1);
			assertThat(snapshot.path("event").asString()).isEqualTo("update");
			JsonNode data = snapshot.path("data");
			assertThat(data.path("pageViews").asLong()).isGreaterThanOrEqualTo(2);
			assertThat(data.path("uniqueVisitors").asLong()).isGreaterThanOrEqualTo(2);
			assertThat(data.path("activeWindowSeconds").asLong()).isEqualTo(2);
			assertThat(data.path("day").asString()).matches("\\d{4}-\\d\\d-\\d\\d");
			// Snapshots keep coming, one per interval.
			long ts = data.path("ts").asLong();
			assertThat(awaitSnapshot(dashboard, (next) -> next.path("ts").asLong() > ts)).isNotNull();
		}
	}

	@Test
	void noClientPublishesToTheAnalyticsRoom() {
		try (TestClient client = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=m"))) {
			JsonNode reply = client.request("{\"type\":\"publish\",\"room\":\"analytics:test\",\"data\":{\"pageViews\":1e9}}");
			assertThat(reply.path("type").asString()).isEqualTo("error");
			assertThat(reply.path("code").asString()).isEqualTo("forbidden");
		}
	}

	@Test
	void activeUsersLeaveTheWindowWhenNoLongerSeen() {
		this.analytics.track(AnalyticsEvent.of("click", "window-watcher")).block();
		assertThat(this.analytics.snapshot().block().activeUsers()).isPositive();
		// The window is 2s, and the tests of this class run one at a time: within 10s everyone
		// seen has left it, and the day's visitors stay.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.analytics.snapshot().block().activeUsers() == 0);
		assertThat(this.analytics.snapshot().block().uniqueVisitors()).isPositive();
		this.analytics.track(AnalyticsEvent.of("click", "window-watcher")).block();
		assertThat(this.analytics.snapshot().block().activeUsers()).isEqualTo(1);
	}

	@Test
	void badBodiesAreRefusedWith400AndSayWhy() throws IOException {
		InetAddress from = InetAddress.getByName("127.0.1.2");
		List<String> bodies = List.of("", "not json", "[1,2]", "{}", "{\"type\":\"\"}", "{\"type\":\"a b\"}",
				"{\"type\":42}", "{\"type\":\"click\",\"user\":7}", "{\"type\":\"click\",\"properties\":[]}",
				"{\"type\":\"click\",\"user\":\"" + "u".repeat(200) + "\"}", "{\"type\":\"click\"");
		for (String body : bodies) {
			Response response = post(from, body);
			assertThat(response.status).as(body).isEqualTo(400);
			assertThat(response.body).as(body).contains("\"error\":\"bad_request\"").contains("\"message\":\"");
		}
	}

	@Test
	void oversizeBodiesAreRefusedWith413WithOrWithoutALength() throws IOException {
		InetAddress from = InetAddress.getByName("127.0.1.3");
		long before = this.counters.count(LimitEvent.ANALYTICS_TOO_LARGE);
		String big = "{\"type\":\"click\",\"properties\":{\"x\":\"" + "x".repeat(2000) + "\"}}";
		// Refused from its Content-Length alone: the body is never sent, and need not be.
		Response declared = send(from, "Content-Length: " + big.length() + "\r\n", new byte[0]);
		assertThat(declared.status).isEqualTo(413);
		assertThat(declared.body).contains("\"error\":\"too_large\"");
		Response chunked = send(from, "Transfer-Encoding: chunked\r\n", chunked(big));
		assertThat(chunked.status).isEqualTo(413);
		assertThat(this.counters.count(LimitEvent.ANALYTICS_TOO_LARGE)).isEqualTo(before + 2);
		// Just under the limit is fine.
		assertThat(post(from, "{\"type\":\"click\",\"properties\":{\"x\":\"" + "x".repeat(900) + "\"}}").status)
			.isEqualTo(202);
	}

	@Test
	void aFloodFromOneAddressIsRefusedWith429WhileOthersAreServed() throws IOException {
		InetAddress flooder = InetAddress.getByName("127.0.1.4");
		long before = this.counters.count(LimitEvent.ANALYTICS_RATE_LIMITED);
		List<Response> responses = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			responses.add(post(flooder, "{\"type\":\"click\",\"session\":\"flood\"}"));
		}
		// A burst of 20 and 1 more a second: of 40 sent within seconds, at least 10 are refused.
		List<Response> refused = responses.stream().filter((response) -> response.status == 429).toList();
		assertThat(refused).hasSizeGreaterThanOrEqualTo(10);
		assertThat(responses.get(0).status).isEqualTo(202);
		assertThat(refused.get(0).head).containsIgnoringCase("Retry-After: 5");
		assertThat(refused.get(0).body).contains("\"error\":\"rate_limited\"");
		assertThat(this.counters.count(LimitEvent.ANALYTICS_RATE_LIMITED)).isEqualTo(before + refused.size());
		assertThat(post(InetAddress.getByName("127.0.1.5"), "{\"type\":\"click\"}").status).isEqualTo(202);
	}

	private static JsonNode awaitSnapshot(TestClient client, java.util.function.Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode message = client.pollMessage(deadline - System.nanoTime());
			if (message != null && condition.test(message.path("data"))) {
				return message;
			}
		}
		throw new AssertionError("no matching snapshot within 10s");
	}

	private Response post(InetAddress from, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return send(from, "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n", bytes);
	}

	/** A POST of {@code body} after the headers {@code headers}, from {@code from}; the whole response. */
	private Response send(InetAddress from, String headers, byte[] body) throws IOException {
		try (Socket socket = RawHttp.connect(this.port, from)) {
			socket.setSoTimeout(10_000);
			RawHttp.send(socket, "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
					+ "\r\n");
			try {
				socket.getOutputStream().write(body);
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				// The server may answer and close before the whole body is sent: its answer counts.
			}
			InputStream in = socket.getInputStream();
			String head = RawHttp.readHead(in);
			String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return new Response(RawHttp.status(head), head, rest);
		}
	}

	private static byte[] chunked(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder chunks = new StringBuilder();
		for (int i = 0; i < bytes.length; i += 100) {
			String chunk = new String(bytes, i, Math.min(100, bytes.length - i), StandardCharsets.UTF_8);
			chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
		}
		return chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	private record Response(int status, String head, String body) {
	}

}
