package dev.realtime.samples.notifications;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample through the JDK's HTTP and WebSocket clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsApplicationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aNotificationPostedForAUserReachesTheirStreamOpenedWithABearerToken() throws Exception {
		HttpResponse<InputStream> stream = this.http.send(
				HttpRequest.newBuilder(uri("http", "/realtime/sse?room=user:alice"))
					.header("Authorization", "Bearer alice-token")
					.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			assertThat(lineAfter(lines, "event: subscribed")).contains("\"room\":\"user:alice\"");
			HttpResponse<String> posted = notify("alice", "{\"title\":\"Your order shipped\",\"text\":\"ETA Monday\"}");
			assertThat(posted.statusCode()).isEqualTo(200);
			assertThat(posted.body()).contains("\"title\":\"Your order shipped\"").contains("\"read\":false");
			assertThat(lineAfter(lines, "event: notifications.new")).contains("\"room\":\"user:alice\"")
				.contains("\"title\":\"Your order shipped\",\"body\":\"ETA Monday\"");
		}
	}

	@Test
	void aBackendInAnotherLanguageSendsThroughTheServerApiWithItsKey() throws Exception {
		HttpResponse<InputStream> stream = this.http.send(
				HttpRequest.newBuilder(uri("http", "/realtime/sse?room=user:alice&token=alice-token")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			lineAfter(lines, "event: subscribed");
			String send = "{\"user\":\"alice\",\"event\":\"notification\",\"data\":{\"title\":\"From the billing service\"}}";
			assertThat(api(send, null).statusCode()).isEqualTo(401);
			HttpResponse<String> sent = api(send, "demo-api-key");
			assertThat(sent.statusCode()).isEqualTo(200);
			assertThat(sent.body()).contains("\"room\":\"user:alice\"");
			assertThat(lineAfter(lines, "event: notification")).contains("From the billing service");
		}
	}

	@Test
	void aWebSocketWithATokenInTheQueryReceivesItsUsersNotificationsWithoutSubscribing() throws Exception {
		BlockingQueue<String> frames = new LinkedBlockingQueue<>();
		WebSocket socket = webSocket("bob-token", frames);
		assertThat(notify("bob", "{\"title\":\"Hello bob\"}").statusCode()).isEqualTo(200);
		assertThat(frames.poll(10, TimeUnit.SECONDS)).contains("\"room\":\"user:bob\"")
			.contains("\"event\":\"notifications.new\"")
			.contains("Hello bob");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void whatWasSentWhileNoPageWasOpenWaitsUnreadInTheInbox() throws Exception {
		assertThat(notify("bob", "{\"title\":\"While you were away\"}").statusCode()).isEqualTo(200);
		BlockingQueue<String> frames = new LinkedBlockingQueue<>();
		WebSocket socket = webSocket("bob-token", frames);
		socket.sendText("{\"type\":\"notifications.list\",\"unread\":true,\"ref\":\"1\"}", true).join();
		assertThat(frames.poll(10, TimeUnit.SECONDS)).contains("\"ref\":\"1\"")
			.contains("\"title\":\"While you were away\"")
			.contains("\"unread\":");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void withoutAKnownTokenTheHandshakeIsRefused() throws Exception {
		assertThat(status("/realtime/sse?room=user:alice", null)).isEqualTo(401);
		assertThat(status("/realtime/sse?room=user:alice&token=mallory-token", null)).isEqualTo(401);
		assertThat(status("/realtime/sse?room=user:alice", "Bearer nonsense")).isEqualTo(401);
	}

	@Test
	void aUserCannotListenToSomeoneElsesNotifications() throws Exception {
		assertThat(status("/realtime/sse?room=user:bob&token=alice-token", null)).isEqualTo(403);
	}

	@Test
	void aNotificationNeedsATitle() throws Exception {
		assertThat(notify("alice", "{\"text\":\"no title\"}").statusCode()).isEqualTo(400);
	}

	/** A WebSocket with {@code token} in its URL, whose text frames go to {@code frames}. */
	private WebSocket webSocket(String token, BlockingQueue<String> frames) {
		return this.http.newWebSocketBuilder()
			.buildAsync(uri("ws", "/realtime/ws?token=" + token), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					frames.add(data.toString());
					webSocket.request(1);
					return null;
				}
			})
			.join();
	}

	private int status(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private HttpResponse<String> notify(String user, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("http", "/notify/" + user))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> api(String json, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", "/realtime/api/send"))
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The line after the next {@code marker} line: an event's data. */
	private static String lineAfter(BufferedReader lines, String marker) throws Exception {
		String line;
		while ((line = lines.readLine()) != null) {
			if (line.equals(marker)) {
				return lines.readLine();
			}
		}
		throw new AssertionError("the stream ended before " + marker);
	}

	private URI uri(String scheme, String path) {
		return URI.create(scheme + "://localhost:" + this.port + path);
	}

}
